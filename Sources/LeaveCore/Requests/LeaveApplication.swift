/// A leave-of-absence request whose answers have all been checked.
public struct LeaveApplication: Hashable, Sendable, Codable {
    public let pupilID: Int64
    public let kind: LeaveKind
    public let purpose: String
    public let start: SessionPoint
    public let end: SessionPoint
    public let returnDate: SchoolDate
    /// The rules.md category of a leave request; for older requests, what their kind implies.
    public let category: LeaveCategory?
    public let details: RequestDetails

    public init(pupilID: Int64, kind: LeaveKind, purpose: String, start: SessionPoint, end: SessionPoint, returnDate: SchoolDate,
                category: LeaveCategory? = nil, details: RequestDetails = RequestDetails()) {
        self.pupilID = pupilID
        self.kind = kind
        self.purpose = purpose
        self.start = start
        self.end = end
        self.returnDate = returnDate
        self.category = category ?? kind.category
        self.details = details
    }

    public var type: RequestType { kind.requestType }

    /// "Exceptional circumstances", "A family holiday", "Medical or dental appointment".
    public var title: String {
        if type == .leave, let category, kind == .exceptional && category != .exceptional {
            return category.title.prefix(1).uppercased() + category.title.dropFirst()
        }
        return kind.title
    }
}

extension LeaveApplication {
    /// The code the register takes for the sessions granted: C, C1, C2, J1, M, R, S or T; none
    /// for lunchtime permission, which is not an absence.
    public var registerCodeWhenGranted: AttendanceCode? { Evaluator.registerCode(type: type, category: category) }
}

extension LeaveApplication {
    /// The application with a licence the parent added after sending it (issue 15): the rules,
    /// the pages and the letter read it as if it had been given with the request.
    public func withLicence(number: String, authority: String, dates: [SchoolDate]) -> LeaveApplication {
        var details = self.details
        details.licenceNumber = number
        details.licenceAuthority = authority
        details.licenceDates = dates
        return LeaveApplication(pupilID: pupilID, kind: kind, purpose: purpose, start: start, end: end, returnDate: returnDate,
                                category: category, details: details)
    }
}
