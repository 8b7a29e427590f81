import LeaveCore

/// Imports a CTF into a school's register: pupils and their contacts, and each year of marks
/// that agrees with its summary counts. A pupil-year whose marks disagree is left out and
/// reported by pupil and year; a broken file throws before anything is written.
public struct CTFImporter: Sendable {
    public let reader: CTFReader

    public init(reader: CTFReader = CTFReader()) {
        self.reader = reader
    }

    public func read(path: String) throws -> RegisterReading {
        var reading = RegisterReading()
        try reader.read(path: path, header: { _ in }, pupil: { pupil in
            add(pupil, to: &reading)
        })
        return reading
    }

    func add(_ pupil: CTFPupil, to reading: inout RegisterReading) {
        let location = "line \(pupil.line), \(pupil.label)"
        guard pupil.details.upn != nil else {
            reading.problems.append(.init(location: location, message: "the pupil has no UPN, so cannot be matched; nothing imported for them"))
            return
        }
        guard !pupil.details.forename.isEmpty, !pupil.details.surname.isEmpty else {
            reading.problems.append(.init(location: location, message: "the pupil has no forename or surname; nothing imported for them"))
            return
        }
        var entry = RegisterBatch.PupilEntry(pupil: pupil.details)
        for year in pupil.years {
            let yearName = year.year.map { "year \($0)/\(($0 + 1) % 100)" } ?? "a year"
            switch CTFMarks.decode(year) {
            case .failure(let mismatch):
                reading.problems.append(.init(location: "\(location), \(yearName)",
                                             message: "\(mismatch.message); no marks imported for this year"))
            case .success(let marks):
                entry.marks += marks
            }
        }
        reading.batch.pupils.append(entry)
    }
}
