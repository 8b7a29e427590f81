import LeaveCore

/// What an import did, as the office page and `leave-portal import --json` report it.
public struct ImportReport: Hashable, Sendable, Codable {
    public struct PupilCounts: Hashable, Sendable, Codable {
        public var added = 0
        public var updated = 0
        public init() {}
    }

    public struct MarkCounts: Hashable, Sendable, Codable {
        public var added = 0
        public var changed = 0
        public init() {}
    }

    /// Something in the file that was left out, and where, so the office can fix it in the MIS.
    public struct Problem: Hashable, Sendable, Codable {
        public let location: String
        public let message: String

        public init(location: String, message: String) {
            self.location = location
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case location = "where"
            case message
        }
    }

    public var pupils = PupilCounts()
    public var marks = MarkCounts()
    public var problems: [Problem] = []

    public init() {}

    public mutating func count(_ outcome: SaveOutcome) {
        switch outcome {
        case .added: pupils.added += 1
        case .updated: pupils.updated += 1
        case .unchanged: break
        }
    }

    /// A sentence for the office: "3 pupils added, 1 updated; 1,200 marks added, 4 changed; 2 problems".
    public var summary: String {
        "\(pupils.added) pupils added, \(pupils.updated) updated; \(marks.added) marks added, \(marks.changed) changed; "
            + (problems.isEmpty ? "no problems" : "\(problems.count) \(problems.count == 1 ? "problem" : "problems")")
    }
}

/// Why a whole file was refused: nothing from it was imported.
public struct ImportRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: String?
    public let message: String

    public init(_ message: String, at location: String? = nil) {
        self.location = location
        self.message = message
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
