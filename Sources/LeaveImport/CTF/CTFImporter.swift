import LeaveCore

/// Imports a CTF into a school's register: pupils and their contacts, and each year of marks
/// that agrees with its summary counts. A pupil-year whose marks disagree is left out and
/// reported by pupil and year; a broken file throws, and the caller's transaction keeps nothing.
public struct CTFImporter: Sendable {
    public let reader: CTFReader

    public init(reader: CTFReader = CTFReader()) {
        self.reader = reader
    }

    public func run(path: String, into target: any RegisterImportTarget) throws -> ImportReport {
        var report = ImportReport()
        try reader.read(path: path, header: { _ in }, pupil: { pupil in
            try importPupil(pupil, into: target, report: &report)
        })
        return report
    }

    func importPupil(_ pupil: CTFPupil, into target: any RegisterImportTarget, report: inout ImportReport) throws {
        let location = "line \(pupil.line), \(pupil.label)"
        guard pupil.details.upn != nil else {
            report.problems.append(.init(location: location, message: "the pupil has no UPN, so cannot be matched; nothing imported for them"))
            return
        }
        guard !pupil.details.forename.isEmpty, !pupil.details.surname.isEmpty else {
            report.problems.append(.init(location: location, message: "the pupil has no forename or surname; nothing imported for them"))
            return
        }
        let saved = try target.savePupil(pupil.details)
        report.count(saved.outcome)
        for year in pupil.years {
            let yearName = year.year.map { "year \($0)/\(($0 + 1) % 100)" } ?? "a year"
            switch CTFMarks.decode(year) {
            case .failure(let mismatch):
                report.problems.append(.init(location: "\(location), \(yearName)",
                                             message: "\(mismatch.message); no marks imported for this year"))
            case .success(let marks):
                let merged = try target.mergeMarks(marks, pupilID: saved.id)
                report.marks.added += merged.added
                report.marks.changed += merged.changed
            }
        }
    }
}
