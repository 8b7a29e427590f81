import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: RegisterExportStore {
    public func recordRegisterExport(schoolID: Int64, from: SchoolDate, to: SchoolDate, entries: [RegisterWriteBack.Entry],
                                     csvSHA256: String, by actor: Actor?, actorName: String, at: Date,
                                     sameWithin: TimeInterval) async throws -> RegisterExportRun {
        try await writer.write { db in
            if let id = try Int64.fetchOne(db, sql: """
                SELECT id FROM registerExport WHERE schoolId = ? AND fromDate = ? AND toDate = ? AND csvSha256 = ? AND exportedAt >= ?
                ORDER BY id DESC LIMIT 1
                """, arguments: [schoolID, from.iso, to.iso, csvSHA256, at.addingTimeInterval(-sameWithin)]),
               let earlier = try Self.registerExportRun(id: id, schoolID: schoolID, in: db) {
                return earlier
            }
            try db.execute(sql: """
                INSERT INTO registerExport (schoolId, fromDate, toDate, exportedAt, actorId, actorName, entries, csvSha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, from.iso, to.iso, at, actor?.accountID, actorName, entries.count, csvSHA256])
            let id = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: """
                INSERT INTO registerExportEntry (exportId, schoolId, upn, date, session, code, reference, onlyIfAbsent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for entry in entries {
                try insert.execute(arguments: [id, schoolID, entry.upn, entry.session.date.iso, entry.session.session.rawValue,
                                               entry.code.rawValue, entry.reference.text, entry.onlyIfAbsent])
            }
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .registerExported, at: at,
                                           detail: "\(entries.count) sessions from \(from.iso) to \(to.iso) (export \(id))"), in: db)
            return RegisterExportRun(id: id, from: from, to: to, exportedAt: at, actorName: actorName, entries: entries.count,
                                     csvSHA256: csvSHA256)
        }
    }

    public func exportedCodes(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws
        -> [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)] {
        try await writer.read { db in
            var latest: [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)] = [:]
            // Oldest first, so each cell ends with its latest export.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT entry.upn, entry.date, entry.session, entry.code, export.exportedAt
                FROM registerExportEntry entry JOIN registerExport export ON export.id = entry.exportId
                WHERE entry.schoolId = ? AND entry.date BETWEEN ? AND ?
                ORDER BY entry.exportId
                """, arguments: [schoolID, from.iso, to.iso])
            while let row = try rows.next() {
                let upn: String = row[0], day: String = row[1], half: String = row[2], codeText: String = row[3], at: Date = row[4]
                guard let date = SchoolDate(iso: day), let session = Session(rawValue: half),
                      let code = AttendanceCode(rawValue: codeText) else { continue }
                latest[RegisterWriteBack.Cell(upn: upn, session: SessionPoint(date, session))] = (code, at)
            }
            return latest
        }
    }

    public func registerExports(schoolID: Int64, limit: Int) async throws -> [RegisterExportRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM registerExport WHERE schoolId = ? ORDER BY id DESC LIMIT ?",
                             arguments: [schoolID, max(0, min(limit, 500))]).compactMap(Self.registerExportRun)
        }
    }

    public func registerExport(id: Int64, schoolID: Int64) async throws -> (run: RegisterExportRun, entries: [RegisterWriteBack.Entry])? {
        try await writer.read { db -> (run: RegisterExportRun, entries: [RegisterWriteBack.Entry])? in
            guard let run = try Self.registerExportRun(id: id, schoolID: schoolID, in: db) else { return nil }
            let entries = try Row.fetchAll(db, sql: """
                SELECT upn, date, session, code, reference, onlyIfAbsent FROM registerExportEntry WHERE exportId = ? AND schoolId = ?
                ORDER BY rowid
                """, arguments: [id, schoolID]).compactMap { row -> RegisterWriteBack.Entry? in
                let upn: String = row[0], day: String = row[1], half: String = row[2], codeText: String = row[3], ref: String = row[4]
                guard let date = SchoolDate(iso: day), let session = Session(rawValue: half),
                      let code = AttendanceCode(rawValue: codeText), let reference = ReferenceNumber(ref) else { return nil }
                return RegisterWriteBack.Entry(upn: upn, session: SessionPoint(date, session), code: code, reference: reference,
                                               onlyIfAbsent: row[5])
            }
            return (run, entries)
        }
    }

    static func registerExportRun(id: Int64, schoolID: Int64, in db: Database) throws -> RegisterExportRun? {
        try Row.fetchOne(db, sql: "SELECT * FROM registerExport WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
            .flatMap(registerExportRun)
    }

    static func registerExportRun(_ row: Row) -> RegisterExportRun? {
        let fromText: String = row["fromDate"], toText: String = row["toDate"]
        guard let from = SchoolDate(iso: fromText), let to = SchoolDate(iso: toText) else { return nil }
        return RegisterExportRun(id: row["id"], from: from, to: to, exportedAt: row["exportedAt"], actorName: row["actorName"],
                                 entries: row["entries"], csvSHA256: row["csvSha256"])
    }
}
