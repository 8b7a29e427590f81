/// Everything one MIS file says about a school's register, read in full before anything is
/// written: the store then writes it in one transaction, so a file is either all in or not
/// at all, and no store has to run an importer inside its transaction.
public struct RegisterBatch: Sendable {
    /// Pupils with their details and contacts, and the marks that came with them (a CTF, a pupils CSV).
    public var pupils: [PupilEntry] = []
    /// Marks for pupils named only by UPN or MIS id (an attendance CSV), with the lines they came from.
    public var marks: [KeyedMarks] = []

    public init() {}

    public struct PupilEntry: Sendable {
        public var pupil: ImportedPupil
        public var marks: [SessionMark]

        public init(pupil: ImportedPupil, marks: [SessionMark] = []) {
            self.pupil = pupil
            self.marks = marks
        }
    }

    public struct KeyedMarks: Sendable {
        public let key: PupilKey
        public var marks: [SessionMark]
        /// The file's line of each mark, so a pupil not on the roll is reported where the office can find them.
        public var lines: [Int]

        public init(key: PupilKey, marks: [SessionMark] = [], lines: [Int] = []) {
            self.key = key
            self.marks = marks
            self.lines = lines
        }
    }
}

public enum SaveOutcome: Sendable, Equatable {
    case added
    case updated
    case unchanged
}

/// What writing a batch changed: the counts the office sees, the keys no pupil on the roll
/// has, and the pupils whose register changed, whose open requests the rules look at again.
public struct RegisterChanges: Sendable, Equatable {
    public var pupilsAdded = 0
    public var pupilsUpdated = 0
    public var marksAdded = 0
    public var marksChanged = 0
    public var unknownPupils: [PupilKey] = []
    public var changedPupils: Set<Int64> = []

    public init() {}

    public mutating func count(_ outcome: SaveOutcome) {
        switch outcome {
        case .added: pupilsAdded += 1
        case .updated: pupilsUpdated += 1
        case .unchanged: break
        }
    }

    /// A sentence for the office: "3 pupils added, 1 updated; 1,200 marks added, 4 changed; 2 problems".
    public static func summary(pupilsAdded: Int, pupilsUpdated: Int, marksAdded: Int, marksChanged: Int, problems: Int) -> String {
        "\(pupilsAdded) pupils added, \(pupilsUpdated) updated; \(marksAdded) marks added, \(marksChanged) changed; "
            + (problems == 0 ? "no problems" : "\(problems) \(problems == 1 ? "problem" : "problems")")
    }
}
