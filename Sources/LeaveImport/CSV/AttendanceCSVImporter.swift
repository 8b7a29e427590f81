import Foundation
import LeaveCore

/// Imports session marks from CSV: a pupil column (UPN, or the MIS's pupil id), date,
/// session (AM/PM) and mark. A row naming a pupil not on the roll is reported and skipped by the store;
/// a row that cannot be read refuses the whole file.
public struct AttendanceCSVImporter: Sendable {
    public init() {}

    public func read(data: Data) throws -> RegisterReading {
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

        var byKey: [PupilKey: Int] = [:]
        var reading = RegisterReading()
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
            let index = byKey[key] ?? reading.batch.marks.count
            if index == reading.batch.marks.count {
                byKey[key] = index
                reading.batch.marks.append(RegisterBatch.KeyedMarks(key: key))
            }
            reading.batch.marks[index].marks.append(SessionMark(day, when, code))
            reading.batch.marks[index].lines.append(row.line)
        }
        return reading
    }

    static func session(_ text: String) -> Session? {
        switch text.uppercased() {
        case "AM", "A", "MORNING", "1": .am
        case "PM", "P", "AFTERNOON", "2": .pm
        default: nil
        }
    }
}
