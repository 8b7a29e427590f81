/// What an import writes to. The store implements it inside one transaction per file, so an
/// importer that throws part-way leaves nothing behind.
public protocol RegisterImportTarget {
    /// Adds the pupil or brings their details up to date; says which, and the pupil's id.
    func savePupil(_ pupil: ImportedPupil) throws -> (id: Int64, outcome: SaveOutcome)
    func pupilID(for key: PupilKey) throws -> Int64?
    /// Adds marks for sessions that have none and replaces marks whose code differs.
    func mergeMarks(_ marks: [SessionMark], pupilID: Int64) throws -> (added: Int, changed: Int)
}

public enum SaveOutcome: Sendable, Equatable {
    case added
    case updated
    case unchanged
}
