import GRDB
import LeaveCore

/// Writes an import into the open transaction of `SQLiteStore.importRegister`.
struct SQLiteImportTarget: RegisterImportTarget {
    let db: Database
    let schoolID: Int64

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
    /// email matches a parent account of the school are linked to the pupil.
    func saveContacts(_ contacts: [ImportedContact], pupilID: Int64) throws {
        try db.execute(sql: "DELETE FROM pupilContact WHERE pupilId = ?", arguments: [pupilID])
        for contact in contacts {
            let email = contact.email?.trimmingCharacters(in: .whitespaces).lowercased()
            try db.execute(sql: """
                INSERT INTO pupilContact (schoolId, pupilId, name, relationship, parentalResponsibility, email)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, pupilID, contact.name, contact.relationship, contact.parentalResponsibility, email])
            guard contact.parentalResponsibility, let email, !email.isEmpty else { continue }
            try db.execute(sql: """
                INSERT OR IGNORE INTO parentPupil (accountId, pupilId, schoolId)
                SELECT id, ?, schoolId FROM account WHERE email = ? AND role = 'parent' AND schoolId = ?
                """, arguments: [pupilID, email, schoolID])
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
        for mark in marks {
            let date = mark.point.date.iso, session = mark.point.session.rawValue, code = mark.code.rawValue
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
