import LeaveCore

/// Pupils and who their parents are. Every look-up is bounded by a school or a parent,
/// so a caller cannot reach a child of another school by guessing an id.
public protocol PupilStore: Sendable {
    func children(ofParent parentID: Int64) async throws -> [Pupil]
    func pupil(id: Int64, schoolID: Int64) async throws -> Pupil?
    /// The pupil's brothers and sisters at the same school: children of any of their parents' accounts.
    func siblings(ofPupil pupilID: Int64, schoolID: Int64) async throws -> [Pupil]
    /// The postal address the MIS gives for the contact of this pupil with this e-mail address,
    /// line by line; empty when it gives none.
    func postalAddress(ofContact email: String, pupilID: Int64, schoolID: Int64) async throws -> [String]
}
