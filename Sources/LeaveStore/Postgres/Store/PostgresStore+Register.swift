import Foundation
import LeaveCore
import NIOCore

extension PostgresStore: RegisterStore {
    /// Imports of one school take turns under a lock of their own, each statement seeing what is
    /// committed (a file is long work, and SERIALIZABLE would re-run it whole whenever a parent
    /// accepting an invitation touched the same tables). The lock's key is the school's id in a
    /// range of its own.
    public func importRegister(_ batch: RegisterBatch, schoolID: Int64, record: ImportRecord) async throws -> RegisterChanges {
        try await database.writeCommitted(lock: Self.importLock + schoolID) { sql in
            let target = PostgresRegisterImport(sql: sql, schoolID: schoolID)
            var changes = RegisterChanges()
            for entry in batch.pupils {
                let saved = try await target.savePupil(entry.pupil)
                changes.count(saved.outcome)
                var merged = (added: 0, changed: 0)
                if !entry.marks.isEmpty { merged = try await target.mergeMarks(entry.marks, pupilID: saved.id) }
                changes.marksAdded += merged.added
                changes.marksChanged += merged.changed
                if saved.outcome != .unchanged || merged.added + merged.changed > 0 { changes.changedPupils.insert(saved.id) }
            }
            var unknownRows = 0
            for keyed in batch.marks {
                guard let pupilID = try await target.pupilID(for: keyed.key) else {
                    changes.unknownPupils.append(keyed.key)
                    unknownRows += keyed.lines.count
                    continue
                }
                let merged = try await target.mergeMarks(keyed.marks, pupilID: pupilID)
                changes.marksAdded += merged.added
                changes.marksChanged += merged.changed
                if merged.added + merged.changed > 0 { changes.changedPupils.insert(pupilID) }
            }
            try await target.flush()
            let summary = RegisterChanges.summary(
                pupilsAdded: changes.pupilsAdded, pupilsUpdated: changes.pupilsUpdated, marksAdded: changes.marksAdded,
                marksChanged: changes.marksChanged, problems: record.fileProblems + unknownRows)
            try await sql.execute("""
                INSERT INTO importRun (schoolId, at, kind, fileName, actorName, report) VALUES (?, ?, ?, ?, ?, ?)
                """, [schoolID, record.at, record.kind, record.fileName, record.actorName, summary])
            return changes
        }
    }

    static let importLock: Int64 = 0x4C50_0000_0000

    public func attendanceHistory(pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory {
        try await database.read { sql in try await Self.attendanceHistory(sql, pupilID: pupilID, schoolID: schoolID) }
    }

    /// One query, each row read by position: every request's page and the rules read a pupil's
    /// whole register, years of marks.
    static func attendanceHistory(_ sql: PostgresSQL, pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory {
        let rows = try await sql.rows("""
            SELECT date, session, code FROM attendanceMark WHERE pupilId = ? AND schoolId = ? ORDER BY date, session
            """, [pupilID, schoolID])
        var marks: [SessionMark] = []
        marks.reserveCapacity(rows.count)
        for row in rows {
            guard let date = SchoolDate(iso: try row[0, String.self]), let session = Session(rawValue: try row[1, String.self]),
                  let code = AttendanceCode(register: try row[2, String.self]) else { continue }
            marks.append(SessionMark(date, session, code))
        }
        return AttendanceHistory(marks)
    }

    public func schools() async throws -> [School] {
        try await database.read { sql in
            try await sql.records(SchoolRecord.self, "SELECT * FROM school ORDER BY id").map { try Self.identified($0) }
        }
    }

    public func school(laCode: String, estab: String) async throws -> School? {
        try await database.read { sql in
            try await sql.record(SchoolRecord.self, "SELECT * FROM school WHERE laCode = ? AND estab = ?", [laCode, estab])
                .map { try Self.identified($0) }
        }
    }

    /// `SchoolRecord.school` unwraps the id: a row without one is refused here instead.
    private static func identified(_ record: SchoolRecord) throws -> School {
        guard record.id != nil else { throw StoreError.corrupt("a school without its id") }
        return record.school
    }

    public func importRuns(schoolID: Int64, offset: Int, limit: Int) async throws -> (runs: [ImportRun], total: Int) {
        try await database.read { sql in
            let total = try await sql.value(Int64.self, "SELECT COUNT(*) FROM importRun WHERE schoolId = ?", [schoolID]) ?? 0
            // Newest first, along `importRun_school`.
            let page = try await sql.rows("SELECT at, kind, fileName, actorName, report FROM importRun " + SQLiteStore.importOrder + " LIMIT ? OFFSET ?",
                                          [schoolID, max(0, min(limit, 500)), max(0, offset)]).map { row in
                ImportRun(at: try row[0, Date.self], kind: try row[1, String.self], fileName: try row[2, String.self],
                          actorName: try row[3, String.self], summary: try row[4, String.self])
            }
            return (page, Int(total))
        }
    }

    public func pupils(schoolID: Int64) async throws -> [Pupil] {
        try await database.read { sql in
            try await sql.records(PupilRecord.self, "SELECT * FROM pupil WHERE schoolId = ? ORDER BY surname, forename", [schoolID]).map { record in
                guard record.id != nil else { throw StoreError.corrupt("a pupil without its id") }
                return record.pupil
            }
        }
    }

    public func decidedLeave(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws -> [RegisterWriteBack.DecidedLeave] {
        try await database.read { sql in
            try await sql.rows(Self.decidedLeaveSQL, [schoolID, to.iso, from.iso]).compactMap { row in
                let item = try Self.requestWithPupil(row, answers: false)
                let d = LeaveRequestRecord.columnCount + 6
                guard let upn = try row.optional(LeaveRequestRecord.columnCount + 2, String.self),
                      let outcome = DecisionOutcome(rawValue: try row[d, String.self]) else { return nil }
                let grantedFrom = try row.optional(d + 1, String.self), grantedTo = try row.optional(d + 2, String.self)
                return RegisterWriteBack.DecidedLeave(upn: upn, request: item.request, outcome: outcome,
                                                      grantedFrom: DecisionRecord.point(grantedFrom), grantedTo: DecisionRecord.point(grantedTo))
            }
        }
    }
}

/// Writes a register batch inside the one transaction of `PostgresStore.importRegister`, as
/// `SQLiteImportTarget` does for SQLite.
private final class PostgresRegisterImport {
    let sql: PostgresSQL
    let schoolID: Int64
    /// A pupil's first marks, waiting to be streamed in with COPY: a whole school's year is half a
    /// million rows, which statements of a thousand rows take ten times as long to write.
    private var copyLines = ByteBuffer()
    private var copyPupils: Set<Int64> = []
    static let copyFlushBytes = 8 << 20

    init(sql: PostgresSQL, schoolID: Int64) {
        self.sql = sql
        self.schoolID = schoolID
    }

    /// Writes the marks waiting for COPY; before the import ends, and before a pupil's marks are read again.
    func flush() async throws {
        guard copyLines.readableBytes > 0 else { return }
        try await sql.copy(into: "attendanceMark", columns: ["pupilId", "date", "session", "code", "schoolId"], lines: copyLines)
        copyLines.clear()
        copyPupils.removeAll()
    }

    /// Marks go in rows of a thousand per statement: each statement is a round trip to the
    /// server, and a whole school's year is half a million marks.
    static let batchSize = 1000

    func pupilID(for key: PupilKey) async throws -> Int64? {
        switch key {
        case .upn(let upn):
            return try await sql.value(Int64.self, "SELECT id FROM pupil WHERE schoolId = ? AND upn = ?", [schoolID, upn])
        case .misID(let id):
            return try await sql.value(Int64.self, "SELECT id FROM pupil WHERE schoolId = ? AND misId = ?", [schoolID, id])
        }
    }

    func savePupil(_ pupil: ImportedPupil) async throws -> (id: Int64, outcome: SaveOutcome) {
        let existing: Int64?
        if let upn = pupil.upn {
            existing = try await pupilID(for: .upn(upn))
        } else if let mis = pupil.misID {
            existing = try await pupilID(for: .misID(mis))
        } else {
            existing = nil
        }
        let id: Int64
        let outcome: SaveOutcome
        if let existing {
            // Only what the file gives is changed; a blank in the file keeps what the school has.
            var given: [(column: String, value: any SQLValue)] = []
            if let upn = pupil.upn { given.append(("upn", upn)) }
            if let mis = pupil.misID { given.append(("misId", mis)) }
            given.append(("forename", pupil.forename))
            given.append(("surname", pupil.surname))
            if let year = pupil.yearGroup { given.append(("yearGroup", year.number)) }
            if let born = pupil.dateOfBirth { given.append(("dateOfBirth", born.iso)) }
            if let sex = pupil.sex { given.append(("sex", sex)) }
            var compared: [any SQLValue] = [existing]
            compared.append(contentsOf: given.map { $0.value })
            let changes = try await sql.value(Int64.self, """
                SELECT COUNT(*) FROM pupil WHERE id = ? AND (\(given.map { "\($0.column) IS DISTINCT FROM ?" }.joined(separator: " OR ")))
                """, compared) ?? 0
            if changes > 0 {
                var written: [any SQLValue] = given.map { $0.value }
                written.append(existing)
                try await sql.execute("UPDATE pupil SET \(given.map { "\($0.column) = ?" }.joined(separator: ", ")) WHERE id = ?", written)
                outcome = .updated
            } else {
                outcome = .unchanged
            }
            id = existing
        } else {
            guard let added = try await sql.value(Int64.self, """
                INSERT INTO pupil (schoolId, upn, misId, forename, surname, yearGroup, dateOfBirth, sex)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [schoolID, pupil.upn, pupil.misID, pupil.forename, pupil.surname,
                      pupil.yearGroup?.number ?? 0, pupil.dateOfBirth?.iso, pupil.sex])
            else { throw StoreError.corrupt("a pupil was written without its id") }
            id = added
            outcome = .added
        }
        if !pupil.contacts.isEmpty { try await saveContacts(pupil.contacts, pupilID: id) }
        return (id, outcome)
    }

    /// Contacts are replaced by what the MIS says now; those with parental responsibility whose
    /// email matches a parent account of the school's trust are linked to the pupil.
    func saveContacts(_ contacts: [ImportedContact], pupilID: Int64) async throws {
        try await sql.execute("DELETE FROM pupilContact WHERE pupilId = ?", [pupilID])
        // A parent the MIS no longer lists with parental responsibility loses the link, and with
        // it their access to the child, in the import's own transaction; the record says so.
        let responsible = Set(contacts.filter(\.parentalResponsibility).compactMap {
            $0.email?.trimmingCharacters(in: .whitespaces).lowercased()
        })
        let linked = try await sql.rows("""
            SELECT account.id, account.email, account.displayName FROM parentPupil JOIN account ON account.id = parentPupil.accountId
            WHERE parentPupil.pupilId = ? AND parentPupil.schoolId = ?
            """, [pupilID, schoolID])
        for row in linked {
            let accountID = try row[0, Int64.self], email = try row[1, String.self], name = try row[2, String.self]
            guard !responsible.contains(email) else { continue }
            try await sql.execute("DELETE FROM parentPupil WHERE accountId = ? AND pupilId = ?", [accountID, pupilID])
            try await PostgresStore.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .parentLinkRemoved, at: Date(),
                                                          detail: "\(name) (account \(accountID)) from pupil \(pupilID): "
                                                              + "no longer a contact with parental responsibility in the MIS"), in: sql)
        }
        for contact in contacts {
            let email = contact.email?.trimmingCharacters(in: .whitespaces).lowercased()
            let address: String? = contact.address.isEmpty ? nil : contact.address.joined(separator: "\n")
            try await sql.execute("""
                INSERT INTO pupilContact (schoolId, pupilId, name, relationship, parentalResponsibility, email, address)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [schoolID, pupilID, contact.name, contact.relationship, contact.parentalResponsibility, email, address])
            guard contact.parentalResponsibility, let email, !email.isEmpty else { continue }
            // A parent account anywhere in the trust: brothers and sisters at two of its schools
            // share one parent, who signs in once and sees them all. (Addresses match however
            // typed, as SQLite's NOCASE column does, along `account_email`.)
            try await sql.execute("""
                INSERT INTO parentPupil (accountId, pupilId, schoolId)
                SELECT account.id, ?, ? FROM account JOIN school ON school.id = account.schoolId
                WHERE lower(account.email) = ? AND account.role = 'parent'
                  AND school.trustId = (SELECT trustId FROM school WHERE id = ?)
                ON CONFLICT DO NOTHING
                """, [pupilID, schoolID, email, schoolID])
        }
    }

    /// New marks are added, changed ones rewritten, the same ones left alone; the counts are
    /// worked out here, from the marks already stored for these days, so each batch of writes
    /// is one statement. A session given twice in the file ends with its last code, as SQLite's
    /// one-by-one writes leave it.
    func mergeMarks(_ marks: [SessionMark], pupilID: Int64) async throws -> (added: Int, changed: Int) {
        guard let first = marks.map(\.point.date).min(), let last = marks.map(\.point.date).max() else { return (0, 0) }
        if copyPupils.contains(pupilID) { try await flush() }
        let alreadyMarked = try await sql.value(Int64.self, """
            SELECT 1 FROM attendanceMark WHERE pupilId = ? AND date BETWEEN ? AND ? LIMIT 1
            """, [pupilID, first.iso, last.iso]) != nil
        if !alreadyMarked, Set(marks.map(\.point)).count == marks.count {
            // The pupil's first marks in these dates, each session once: all new, so streamed.
            var days: [Int: String] = [:]
            let ids = "\(pupilID)\t", school = "\t\(schoolID)\n"
            for mark in marks {
                let day = days[mark.point.date.dayNumber] ?? mark.point.date.iso
                days[mark.point.date.dayNumber] = day
                copyLines.writeString(ids + day + "\t" + mark.point.session.rawValue + "\t" + PostgresSQL.copyField(mark.code.rawValue) + school)
            }
            copyPupils.insert(pupilID)
            if copyLines.readableBytes >= Self.copyFlushBytes { try await flush() }
            return (marks.count, 0)
        }
        var existing: [String: String] = [:]
        for row in try await sql.rows("""
            SELECT date, session, code FROM attendanceMark WHERE pupilId = ? AND date BETWEEN ? AND ?
            """, [pupilID, first.iso, last.iso]) {
            let date = try row[0, String.self], session = try row[1, String.self]
            existing[date + session] = try row[2, String.self]
        }
        // Dates as stored text, made once per day rather than once per mark.
        var isoDates: [Int: String] = [:]
        var writes: [(date: String, session: String, code: String)] = []
        var pending: [String: Int] = [:]
        var added = 0, changed = 0
        for mark in marks {
            let date: String
            if let text = isoDates[mark.point.date.dayNumber] {
                date = text
            } else {
                date = mark.point.date.iso
                isoDates[mark.point.date.dayNumber] = date
            }
            let session = mark.point.session.rawValue, code = mark.code.rawValue, key = date + session
            switch existing[key] {
            case nil: added += 1
            case code?: continue
            default: changed += 1
            }
            existing[key] = code
            if let index = pending[key] {
                writes[index].code = code
            } else {
                pending[key] = writes.count
                writes.append((date, session, code))
            }
        }
        var start = 0
        while start < writes.count {
            let end = min(start + Self.batchSize, writes.count)
            var values: [any SQLValue] = []
            values.reserveCapacity((end - start) * 5)
            for write in writes[start..<end] {
                values.append(pupilID)
                values.append(write.date)
                values.append(write.session)
                values.append(write.code)
                values.append(schoolID)
            }
            try await sql.execute("INSERT INTO attendanceMark (pupilId, date, session, code, schoolId) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?)", count: end - start).joined(separator: ", ")
                + " ON CONFLICT (pupilId, date, session) DO UPDATE SET code = excluded.code", values)
            start = end
        }
        return (added, changed)
    }
}
