import Foundation
import GRDB
import GRDBSQLite
import LeaveCore

/// Writes a register batch inside the one transaction of `SQLiteStore.importRegister`.
final class SQLiteImportTarget {
    let db: Database
    let schoolID: Int64
    /// Dates as stored text, made once per day rather than once per mark.
    private var isoDates: [Int: String] = [:]
    /// The same as C strings for binding, freed with the target.
    private var cDates: [Int: UnsafeMutablePointer<CChar>] = [:]

    static let batchSize = 100

    init(db: Database, schoolID: Int64) {
        self.db = db
        self.schoolID = schoolID
    }

    deinit {
        for pointer in cDates.values { free(pointer) }
    }

    func cDate(_ date: SchoolDate) -> UnsafeMutablePointer<CChar> {
        if let pointer = cDates[date.dayNumber] { return pointer }
        let pointer = strdup(date.iso)!
        cDates[date.dayNumber] = pointer
        return pointer
    }

    func iso(_ date: SchoolDate) -> String {
        if let text = isoDates[date.dayNumber] { return text }
        let text = date.iso
        isoDates[date.dayNumber] = text
        return text
    }

    func pupilID(for key: PupilKey) throws -> Int64? {
        switch key {
        case .upn(let upn):
            return try Int64.fetchOne(db, sql: "SELECT id FROM pupil WHERE schoolId = ? AND upn = ?", arguments: [schoolID, upn])
        case .misID(let id):
            return try Int64.fetchOne(db, sql: "SELECT id FROM pupil WHERE schoolId = ? AND misId = ?", arguments: [schoolID, id])
        }
    }

    func savePupil(_ pupil: ImportedPupil) throws -> (id: Int64, outcome: SaveOutcome) {
        let existing: Int64?
        if let upn = pupil.upn {
            existing = try pupilID(for: .upn(upn))
        } else if let mis = pupil.misID {
            existing = try pupilID(for: .misID(mis))
        } else {
            existing = nil
        }
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("upn", pupil.upn), ("misId", pupil.misID), ("forename", pupil.forename), ("surname", pupil.surname),
            ("yearGroup", pupil.yearGroup?.number), ("dateOfBirth", pupil.dateOfBirth?.iso), ("sex", pupil.sex),
        ]
        let id: Int64
        let outcome: SaveOutcome
        if let existing {
            // Only what the file gives is changed; a blank in the file keeps what the school has.
            let given = values.filter { $0.1 != nil }
            let changes = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM pupil WHERE id = ? AND (\(given.map { "\($0.0) IS NOT ?" }.joined(separator: " OR ")))
                """, arguments: StatementArguments([existing] + given.map { $0.1 })) ?? 0
            if changes > 0 {
                try db.execute(sql: "UPDATE pupil SET \(given.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                               arguments: StatementArguments(given.map { $0.1 } + [existing]))
                outcome = .updated
            } else {
                outcome = .unchanged
            }
            id = existing
        } else {
            try db.execute(sql: """
                INSERT INTO pupil (schoolId, upn, misId, forename, surname, yearGroup, dateOfBirth, sex)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, pupil.upn, pupil.misID, pupil.forename, pupil.surname,
                                 pupil.yearGroup?.number ?? 0, pupil.dateOfBirth?.iso, pupil.sex])
            id = db.lastInsertedRowID
            outcome = .added
        }
        if !pupil.contacts.isEmpty { try saveContacts(pupil.contacts, pupilID: id) }
        return (id, outcome)
    }

    /// Contacts are replaced by what the MIS says now; those with parental responsibility whose
    /// email matches a parent account of the school's trust are linked to the pupil.
    func saveContacts(_ contacts: [ImportedContact], pupilID: Int64) throws {
        try db.execute(sql: "DELETE FROM pupilContact WHERE pupilId = ?", arguments: [pupilID])
        // A parent the MIS no longer lists with parental responsibility loses the link, and with
        // it their access to the child, in the import's own transaction; the record says so.
        let responsible = Set(contacts.filter(\.parentalResponsibility).compactMap {
            $0.email?.trimmingCharacters(in: .whitespaces).lowercased()
        })
        let linked = try Row.fetchAll(db, sql: """
            SELECT account.id, account.email, account.displayName FROM parentPupil JOIN account ON account.id = parentPupil.accountId
            WHERE parentPupil.pupilId = ? AND parentPupil.schoolId = ?
            """, arguments: [pupilID, schoolID])
        for row in linked where !responsible.contains(row["email"] as String) {
            try db.execute(sql: "DELETE FROM parentPupil WHERE accountId = ? AND pupilId = ?", arguments: [row["id"] as Int64, pupilID])
            try SQLiteStore.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .parentLinkRemoved, at: Date(),
                                                  detail: "\(row["displayName"] as String) (account \(row["id"] as Int64)) from pupil \(pupilID): "
                                                      + "no longer a contact with parental responsibility in the MIS"), in: db)
        }
        for contact in contacts {
            let email = contact.email?.trimmingCharacters(in: .whitespaces).lowercased()
            try db.execute(sql: """
                INSERT INTO pupilContact (schoolId, pupilId, name, relationship, parentalResponsibility, email, address)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, pupilID, contact.name, contact.relationship, contact.parentalResponsibility, email,
                                 contact.address.isEmpty ? nil : contact.address.joined(separator: "\n")])
            guard contact.parentalResponsibility, let email, !email.isEmpty else { continue }
            // A parent account anywhere in the trust: brothers and sisters at two of its schools
            // share one parent, who signs in once and sees them all.
            try db.execute(sql: """
                INSERT OR IGNORE INTO parentPupil (accountId, pupilId, schoolId)
                SELECT account.id, ?, ? FROM account JOIN school ON school.id = account.schoolId
                WHERE account.email = ? AND account.role = 'parent'
                  AND school.trustId = (SELECT trustId FROM school WHERE id = ?)
                """, arguments: [pupilID, schoolID, email, schoolID])
        }
    }

    func mergeMarks(_ marks: [SessionMark], pupilID: Int64) throws -> (added: Int, changed: Int) {
        guard let first = marks.map(\.point.date).min(), let last = marks.map(\.point.date).max() else { return (0, 0) }
        var existing: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT date, session, code FROM attendanceMark WHERE pupilId = ? AND date BETWEEN ? AND ?
            """, arguments: [pupilID, first.iso, last.iso])
        while let row = try rows.next() {
            existing[(row[0] as String) + (row[1] as String)] = row[2]
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO attendanceMark (pupilId, date, session, code, schoolId) VALUES (?, ?, ?, ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE attendanceMark SET code = ? WHERE pupilId = ? AND date = ? AND session = ?
            """)
        var added = 0, changed = 0
        if existing.isEmpty, Set(marks.map { $0.point }).count == marks.count {
            // A pupil's first import, each session once: every mark is new, so they go straight
            // to SQLite's prepared statement. A whole school's year is half a million rows, and
            // binding through the C API here is what keeps the import near SQLite's own speed.
            // Rows go in batches of a hundred per statement: the cost of running a statement
            // once per row is what otherwise halves the speed.
            let batch = try db.cachedStatement(sql: "INSERT INTO attendanceMark (pupilId, date, session, code, schoolId) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?)", count: Self.batchSize).joined(separator: ", "))
            var index = 0
            while index < marks.count {
                let size = min(Self.batchSize, marks.count - index)
                let handle = size == Self.batchSize ? batch.sqliteStatement : insert.sqliteStatement
                for row in 0..<(size == Self.batchSize ? size : 1) {
                    let mark = marks[index + row]
                    let base = Int32(row * 5)
                    sqlite3_bind_int64(handle, base + 1, pupilID)
                    sqlite3_bind_text(handle, base + 2, cDate(mark.point.date), 10, nil)
                    sqlite3_bind_text(handle, base + 3, MarkText.session(mark.point.session), 2, nil)
                    sqlite3_bind_text(handle, base + 4, MarkText.code(mark.code), -1, nil)
                    sqlite3_bind_int64(handle, base + 5, schoolID)
                }
                let result = sqlite3_step(handle)
                sqlite3_reset(handle)
                guard result == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: result),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                index += size == Self.batchSize ? size : 1
            }
            sqlite3_clear_bindings(batch.sqliteStatement)
            sqlite3_clear_bindings(insert.sqliteStatement)
            return (marks.count, 0)
        }
        for mark in marks {
            let date = iso(mark.point.date), session = mark.point.session.rawValue, code = mark.code.rawValue
            switch existing[date + session] {
            case nil:
                insert.setUncheckedArguments([pupilID, date, session, code, schoolID])
                try insert.execute()
                added += 1
                existing[date + session] = code
            case code?:
                continue
            default:
                update.setUncheckedArguments([code, pupilID, date, session])
                try update.execute()
                changed += 1
                existing[date + session] = code
            }
        }
        return (added, changed)
    }
}

/// The text of sessions and codes as C strings that live as long as the process, so SQLite
/// can be handed them without copying (a nil destructor is SQLITE_STATIC).
enum MarkText {
    nonisolated(unsafe) static let sessions: [UnsafeMutablePointer<CChar>] = Session.allCases.map { strdup($0.rawValue)! }
    nonisolated(unsafe) static let codes: [AttendanceCode: UnsafeMutablePointer<CChar>] =
        Dictionary(uniqueKeysWithValues: AttendanceCode.allCases.map { ($0, strdup($0.rawValue)!) })

    static func session(_ session: Session) -> UnsafeMutablePointer<CChar> { sessions[session == .am ? 0 : 1] }
    static func code(_ code: AttendanceCode) -> UnsafeMutablePointer<CChar> { codes[code]! }
}
