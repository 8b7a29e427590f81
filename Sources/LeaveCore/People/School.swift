/// A school of a trust, with what its letters need for their letterhead.
public struct School: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let trustID: Int64
    public let name: String
    public let addressLines: [String]
    public let telephone: String
    public let email: String
    public let headteacherName: String

    public init(id: Int64, trustID: Int64, name: String, addressLines: [String], telephone: String,
                email: String, headteacherName: String) {
        self.id = id
        self.trustID = trustID
        self.name = name
        self.addressLines = addressLines
        self.telephone = telephone
        self.email = email
        self.headteacherName = headteacherName
    }
}
