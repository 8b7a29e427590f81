import Foundation
import LeaveCore

extension PostgresStore: RegisterExportStore {
    public func recordRegisterExport(schoolID: Int64, from: SchoolDate, to: SchoolDate, entries: [RegisterWriteBack.Entry],
                                     csvSHA256: String, by actor: Actor?, actorName: String, at: Date,
                                     sameWithin: TimeInterval) async throws -> RegisterExportRun {
        try await database.write { sql in
            // The same codes again within `sameWithin` give back the export already made. Two such
            // exports racing (a double click reaching two servers) each read then write the same
            // rows: SERIALIZABLE turns one away, and its retry finds the other's export here.
            if let id = try await sql.value(Int64.self, """
                SELECT id FROM registerExport WHERE schoolId = ? AND fromDate = ? AND toDate = ? AND csvSha256 = ? AND exportedAt >= ?
                ORDER BY id DESC LIMIT 1
                """, [schoolID, from.iso, to.iso, csvSHA256, at.addingTimeInterval(-sameWithin)]),
               let earlier = try await Self.registerExportRun(id: id, schoolID: schoolID, in: sql) {
                return earlier
            }
            guard let id = try await sql.value(Int64.self, """
                INSERT INTO registerExport (schoolId, fromDate, toDate, exportedAt, actorId, actorName, entries, csvSha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [schoolID, from.iso, to.iso, at, actor?.accountID, actorName, entries.count, csvSHA256])
            else { throw StoreError.corrupt("an export was written without its id") }
            // Entries go in rows of a few hundred per statement: each statement is a round trip.
            var start = 0
            while start < entries.count {
                let end = min(start + Self.exportEntryBatch, entries.count)
                var values: [any SQLValue] = []
                values.reserveCapacity((end - start) * 8)
                for entry in entries[start..<end] {
                    values.append(id)
                    values.append(schoolID)
                    values.append(entry.upn)
                    values.append(entry.session.date.iso)
                    values.append(entry.session.session.rawValue)
                    values.append(entry.code.rawValue)
                    values.append(entry.reference.text)
                    values.append(entry.onlyIfAbsent)
                }
                try await sql.execute("INSERT INTO registerExportEntry (exportId, schoolId, upn, date, session, code, reference, onlyIfAbsent) VALUES "
                    + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: end - start).joined(separator: ", "), values)
                start = end
            }
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .registerExported, at: at,
                                                 detail: "\(entries.count) sessions from \(from.iso) to \(to.iso) (export \(id))"), in: sql)
            return RegisterExportRun(id: id, from: from, to: to, exportedAt: at, actorName: actorName, entries: entries.count,
                                     csvSHA256: csvSHA256)
        }
    }

    private static let exportEntryBatch = 500

    public func exportedCodes(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws
        -> [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)] {
        try await database.read { sql in
            var latest: [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)] = [:]
            // Oldest first, so each cell ends with its latest export.
            let rows = try await sql.rows("""
                SELECT entry.upn, entry.date, entry.session, entry.code, run.exportedAt
                FROM registerExportEntry AS entry JOIN registerExport AS run ON run.id = entry.exportId
                WHERE entry.schoolId = ? AND entry.date BETWEEN ? AND ?
                ORDER BY entry.exportId, entry.date, entry.session, entry.upn, entry.reference
                """, [schoolID, from.iso, to.iso])
            for row in rows {
                let upn = try row[0, String.self], day = try row[1, String.self], half = try row[2, String.self]
                let codeText = try row[3, String.self], at = try row[4, Date.self]
                guard let date = SchoolDate(iso: day), let session = Session(rawValue: half),
                      let code = AttendanceCode(rawValue: codeText) else { continue }
                latest[RegisterWriteBack.Cell(upn: upn, session: SessionPoint(date, session))] = (code, at)
            }
            return latest
        }
    }

    public func registerExports(schoolID: Int64, limit: Int) async throws -> [RegisterExportRun] {
        try await database.read { sql in
            try await sql.rows("SELECT * FROM registerExport WHERE schoolId = ? ORDER BY id DESC LIMIT ?",
                               [schoolID, max(0, min(limit, 500))]).compactMap { try Self.registerExportRun($0) }
        }
    }

    public func registerExport(id: Int64, schoolID: Int64) async throws -> (run: RegisterExportRun, entries: [RegisterWriteBack.Entry])? {
        try await database.read { sql -> (run: RegisterExportRun, entries: [RegisterWriteBack.Entry])? in
            guard let run = try await Self.registerExportRun(id: id, schoolID: schoolID, in: sql) else { return nil }
            // SQLite gives them back in the order written (rowid); PostgreSQL keeps no such order, so
            // they are sorted as they were written: `RegisterWriteBack.entries` sorts by session,
            // pupil and reference, comparing text as Swift does (byte by byte, "C"), so the CSV
            // downloaded again is the one first given.
            let entries = try await sql.rows("""
                SELECT upn, date, session, code, reference, onlyIfAbsent FROM registerExportEntry WHERE exportId = ? AND schoolId = ?
                ORDER BY date COLLATE "C", session COLLATE "C", upn COLLATE "C", reference COLLATE "C", code COLLATE "C", onlyIfAbsent
                """, [id, schoolID]).compactMap { row -> RegisterWriteBack.Entry? in
                let upn = try row[0, String.self], day = try row[1, String.self], half = try row[2, String.self]
                let codeText = try row[3, String.self], ref = try row[4, String.self], onlyIfAbsent = try row[5, Bool.self]
                guard let date = SchoolDate(iso: day), let session = Session(rawValue: half),
                      let code = AttendanceCode(rawValue: codeText), let reference = ReferenceNumber(ref) else { return nil }
                return RegisterWriteBack.Entry(upn: upn, session: SessionPoint(date, session), code: code, reference: reference,
                                               onlyIfAbsent: onlyIfAbsent)
            }
            return (run, entries)
        }
    }

    static func registerExportRun(id: Int64, schoolID: Int64, in sql: PostgresSQL) async throws -> RegisterExportRun? {
        try await sql.row("SELECT * FROM registerExport WHERE id = ? AND schoolId = ?", [id, schoolID]).flatMap { try registerExportRun($0) }
    }

    static func registerExportRun(_ row: SQLRow) throws -> RegisterExportRun? {
        let fromText = try row["fromDate", String.self], toText = try row["toDate", String.self]
        guard let from = SchoolDate(iso: fromText), let to = SchoolDate(iso: toText) else { return nil }
        return RegisterExportRun(id: try row["id", Int64.self], from: from, to: to, exportedAt: try row["exportedAt", Date.self],
                                 actorName: try row["actorName", String.self], entries: Int(try row["entries", Int64.self]),
                                 csvSHA256: try row["csvSha256", String.self])
    }
}
