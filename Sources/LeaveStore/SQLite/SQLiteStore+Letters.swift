import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: LetterStore {
    public func letters(schoolID: Int64, printed: Bool, offset: Int, limit: Int) async throws -> (letters: [StoredLetter], total: Int) {
        try await writer.read { db in
            let clause = printed ? Self.printedOrder : Self.waitingOrder
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM letter WHERE " + clause, arguments: [schoolID]) ?? 0
            let page = try Self.letters(db, where: clause + " LIMIT ? OFFSET ?", [schoolID, max(0, min(limit, 500)), max(0, offset)])
            return (page, total)
        }
    }

    /// Waiting letters oldest first and printed ones newest first, both along `letter_waiting`.
    /// A letter whose decision was amended or rescinded before it was printed is not sent: the
    /// amended decision's letter replaces it (it stays stored, with its decision).
    static let waitingOrder = waiting + " ORDER BY letter.id"
    static let waiting = """
        letter.schoolId = ? AND letter.printedAt IS NULL
          AND NOT EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = letter.decisionId)
        """

    public func newestWaitingLetterID(schoolID: Int64) async throws -> Int64? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(letter.id) FROM letter WHERE " + Self.waiting + " AND letter.pdf IS NOT NULL",
                               arguments: [schoolID])
        }
    }
    static let printedOrder = "letter.schoolId = ? AND letter.printedAt IS NOT NULL ORDER BY letter.printedAt DESC, letter.id DESC"

    public func letter(id: Int64, schoolID: Int64) async throws -> StoredLetter? {
        try await writer.read { db in
            try Self.letters(db, where: "letter.id = ? AND letter.schoolId = ?", [id, schoolID]).first
        }
    }

    public func markPrinted(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard var record = try LetterRecord.filter(Column("id") == letterID && Column("schoolId") == schoolID).fetchOne(db)
            else { throw StoreError.notFound }
            guard record.printedAt == nil else { throw StoreError.alreadyPrinted }
            record.printedAt = at
            record.printedById = actor.accountID
            try record.update(db, columns: ["printedAt", "printedById"])
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .letterPrinted,
                                                    requestID: record.requestId, at: at, detail: "letter \(letterID)"))
            try event.insert(db)
        }
    }

    public func letterPDF(id: Int64, schoolID: Int64) async throws -> StoredLetterPDF? {
        try await writer.read { db in try Self.letterPDFs(db, where: "letter.id = ? AND letter.schoolId = ?", [id, schoolID]).first }
    }

    public func standingLetterPDF(requestID: Int64, schoolID: Int64) async throws -> StoredLetterPDF? {
        try await writer.read { db in
            try Self.letterPDFs(db, where: """
                letter.requestId = ? AND letter.schoolId = ? AND letter.decisionId IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = letter.decisionId)
                ORDER BY letter.id DESC LIMIT 1
                """, [requestID, schoolID]).first
        }
    }

    public func waitingLetterPDFs(schoolID: Int64, limit: Int) async throws -> [StoredLetterPDF] {
        try await writer.read { db in
            try Self.letterPDFs(db, where: Self.waitingOrder + " LIMIT ?", [schoolID, max(0, min(limit, 1000))])
        }
    }

    public func recordReprint(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let requestID = try Int64.fetchOne(db, sql: "SELECT requestId FROM letter WHERE id = ? AND schoolId = ?",
                                                     arguments: [letterID, schoolID])
            else { throw StoreError.notFound }
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .letterReprinted,
                                                    requestID: requestID, at: at, detail: "letter \(letterID), from its stored PDF"))
            try event.insert(db)
        }
    }

    /// Letters with a PDF; the bytes are read only here, never for the lists.
    static func letterPDFs(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [StoredLetterPDF] {
        try Row.fetchAll(db, sql: """
            SELECT letter.id, letter.requestId, letter.pdf, letter.pdfSha256, leaveRequest.reference,
                   EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = letter.decisionId)
            FROM letter JOIN leaveRequest ON leaveRequest.id = letter.requestId
            WHERE letter.pdf IS NOT NULL AND \(clause)
            """, arguments: arguments).map { row in
            var letter = StoredLetterPDF(letterID: row[0], requestID: row[1], reference: row[4], bytes: [UInt8](row[2] as Data), sha256: row[3] ?? "")
            letter.replaced = row[5]
            return letter
        }
    }

    static func letters(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [StoredLetter] {
        try Row.fetchAll(db, sql: """
            SELECT letter.id, letter.requestId, letter.html, letter.createdAt, letter.printedAt,
                   leaveRequest.reference, decision.outcome, pupil.forename, pupil.surname
            FROM letter
            JOIN leaveRequest ON leaveRequest.id = letter.requestId
            LEFT JOIN decision ON decision.id = letter.decisionId
            JOIN pupil ON pupil.id = leaveRequest.pupilId
            WHERE \(clause)
            """, arguments: arguments).map { row in
            guard let reference = ReferenceNumber(row["reference"] as String) else { throw StoreError.corrupt("letter") }
            // No outcome for a letter that asks for evidence: nothing is decided yet.
            let outcome = (row["outcome"] as String?).flatMap(DecisionOutcome.init(rawValue:))
            return StoredLetter(id: row["id"], requestID: row["requestId"], reference: reference,
                                pupilName: "\(row["forename"] as String) \(row["surname"] as String)",
                                outcome: outcome, html: row["html"], createdAt: row["createdAt"], printedAt: row["printedAt"])
        }
    }
}
