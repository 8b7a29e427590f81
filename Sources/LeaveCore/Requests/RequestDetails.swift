/// What a form asked beyond the dates: the answers as the parent gave them (for the
/// headteacher's page and the record) and the facts the rules need for each kind of request.
public struct RequestDetails: Hashable, Sendable, Codable {
    /// A question and its answer, in the form's order, as shown back to people.
    public struct Answer: Hashable, Sendable, Codable {
        public let question: String
        public let answer: String

        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    /// A file sent with the request.
    public struct Evidence: Hashable, Sendable, Codable {
        public let id: String
        public let fileName: String

        public init(id: String, fileName: String) {
            self.id = id
            self.fileName = fileName
        }
    }

    public var formID: String?
    public var answers: [Answer] = []
    public var evidence: [Evidence] = []
    public var licenceNumber: String?
    public var licenceAuthority: String?
    /// The days the licence names; nil when it names none.
    public var licenceDates: [SchoolDate]?
    public var hoursPerWeek: Double?
    public var hoursPerDay: [Double] = []
    public var maxHoursOnADay: Double?
    public var occupational: Bool?
    public var religion: String?
    /// Lunchtime leave: the weekdays and who collects the child.
    public var days: [Weekday] = []
    public var collector: String?

    public init() {}

    public var hasLicence: Bool { licenceNumber?.isEmpty == false }
}

extension Weekday: Codable {}
