/// What an import did, as the office and the command line report it. The importers
/// themselves (CTF XML through libxml2, CSV) arrive with the attendance-history work.
public struct ImportReport: Hashable, Sendable, Codable {
    public struct Counts: Hashable, Sendable, Codable {
        public var added = 0
        public var updated = 0
        public init() {}
    }

    public struct Problem: Hashable, Sendable, Codable {
        public let location: String
        public let message: String
        public init(location: String, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var pupils = Counts()
    public var problems: [Problem] = []
    public init() {}
}
