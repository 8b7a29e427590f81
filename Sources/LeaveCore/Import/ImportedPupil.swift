/// A pupil as a MIS export describes them, before they are matched to the roll.
public struct ImportedPupil: Hashable, Sendable {
    public var upn: String?
    public var misID: String?
    public var forename: String
    public var surname: String
    public var dateOfBirth: SchoolDate?
    public var sex: String?
    public var yearGroup: YearGroup?
    public var contacts: [ImportedContact]

    public init(upn: String? = nil, misID: String? = nil, forename: String = "", surname: String = "",
                dateOfBirth: SchoolDate? = nil, sex: String? = nil, yearGroup: YearGroup? = nil,
                contacts: [ImportedContact] = []) {
        self.upn = upn
        self.misID = misID
        self.forename = forename
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.yearGroup = yearGroup
        self.contacts = contacts
    }
}

/// A parent or carer listed with a pupil. Those with parental responsibility and an email
/// address that matches a parent account become linked to the pupil.
public struct ImportedContact: Hashable, Sendable {
    public var name: String
    public var relationship: String
    public var parentalResponsibility: Bool
    public var email: String?
    /// The postal address, line by line with the postcode last, for letters' envelope window.
    public var address: [String]

    public init(name: String, relationship: String = "", parentalResponsibility: Bool = false, email: String? = nil,
                address: [String] = []) {
        self.name = name
        self.relationship = relationship
        self.parentalResponsibility = parentalResponsibility
        self.email = email
        self.address = address
    }
}

/// How a register row names its pupil: the UPN, or the MIS's own id.
public enum PupilKey: Hashable, Sendable, CustomStringConvertible {
    case upn(String)
    case misID(String)

    public var description: String {
        switch self {
        case .upn(let upn): "UPN \(upn)"
        case .misID(let id): "MIS id \(id)"
        }
    }
}
