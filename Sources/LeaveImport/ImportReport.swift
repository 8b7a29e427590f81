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

    /// The report of a file as read and then written: what the store changed, and every
    /// problem, those found reading and each row of a pupil the roll does not have, by line.
    public init(_ reading: RegisterReading, _ changes: RegisterChanges) {
        pupils.added = changes.pupilsAdded
        pupils.updated = changes.pupilsUpdated
        marks.added = changes.marksAdded
        marks.changed = changes.marksChanged
        problems = reading.problems
        let unknown = Set(changes.unknownPupils)
        var skipped: [(line: Int, problem: Problem)] = []
        for keyed in reading.batch.marks where unknown.contains(keyed.key) {
            for line in keyed.lines {
                skipped.append((line, Problem(location: "line \(line)", message: "no pupil on the roll has \(keyed.key); row skipped")))
            }
        }
        problems += skipped.sorted { $0.line < $1.line }.map(\.problem)
    }

    /// A sentence for the office: "3 pupils added, 1 updated; 1,200 marks added, 4 changed; 2 problems".
    public var summary: String {
        RegisterChanges.summary(pupilsAdded: pupils.added, pupilsUpdated: pupils.updated, marksAdded: marks.added,
                                marksChanged: marks.changed, problems: problems.count)
    }
}

/// A file as read, before anything is written: the batch for the store, and what was left out.
public struct RegisterReading: Sendable {
    public var batch = RegisterBatch()
    public var problems: [ImportReport.Problem] = []

    public init() {}

    /// How many problems the file itself has; a store adds one for each row of an unknown pupil.
    public var fileProblems: Int { problems.count }
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
