import Foundation
import LeaveCore

/// Imports session marks from CSV: a pupil column (UPN, or the MIS's pupil id), date,
/// session (AM/PM) and mark. A row naming a pupil not on the roll is reported and skipped;
/// a row that cannot be read refuses the whole file.
public struct AttendanceCSVImporter: Sendable {
    public init() {}

    public func run(data: Data, into target: any RegisterImportTarget) throws -> ImportReport {
        let table = try CSVTable(data: data)
        let upn = table.column("UPN")
        let misID = table.column("Pupil ID", "PupilId", "MIS ID", "MISID", "ID", "Admission Number", "Adno")
        guard upn != nil || misID != nil else {
            throw ImportRefusal("the header needs a UPN or a pupil id column", at: "line 1")
        }
        guard let date = table.column("Date") else { throw ImportRefusal("the header needs a Date column", at: "line 1") }
        guard let session = table.column("Session", "AM/PM", "AMPM", "Period") else {
            throw ImportRefusal("the header needs a Session column (AM or PM)", at: "line 1")
        }
        guard let mark = table.column("Mark", "Code", "Attendance Mark", "Attendance Code") else {
            throw ImportRefusal("the header needs a Mark column", at: "line 1")
        }

        var report = ImportReport()
        var byPupil: [Int64: [SessionMark]] = [:]
        var order: [Int64] = []
        var known: [PupilKey: Int64?] = [:]
        for row in table.rows {
            let key: PupilKey
            if !row[upn].isEmpty { key = .upn(row[upn].uppercased()) }
            else if !row[misID].isEmpty { key = .misID(row[misID]) }
            else { throw ImportRefusal("the row names no pupil", at: "line \(row.line)") }
            guard let day = CSVDates.parse(row[date]) else {
                throw ImportRefusal("'\(row[date])' is not a date (use 2025-03-10 or 10/03/2025)", at: "line \(row.line)")
            }
            guard let when = Self.session(row[session]) else {
                throw ImportRefusal("'\(row[session])' is not a session (use AM or PM)", at: "line \(row.line)")
            }
            let text = row[mark]
            if text == "-" || text.isEmpty { continue }
            guard let code = AttendanceCode(register: text) else {
                throw ImportRefusal("'\(text)' is not a national attendance code", at: "line \(row.line)")
            }
            if known[key] == nil { known[key] = try target.pupilID(for: key) }
            guard let pupilID = known[key] ?? nil else {
                report.problems.append(.init(location: "line \(row.line)", message: "no pupil on the roll has \(key); row skipped"))
                continue
            }
            if byPupil[pupilID] == nil { order.append(pupilID) }
            byPupil[pupilID, default: []].append(SessionMark(day, when, code))
        }
        for pupilID in order {
            let merged = try target.mergeMarks(byPupil[pupilID]!, pupilID: pupilID)
            report.marks.added += merged.added
            report.marks.changed += merged.changed
        }
        return report
    }

    static func session(_ text: String) -> Session? {
        switch text.uppercased() {
        case "AM", "A", "MORNING", "1": .am
        case "PM", "P", "AFTERNOON", "2": .pm
        default: nil
        }
    }
}
