import Foundation
import LeaveCore

extension PostgresStore: LetterStore {
    public func letters(schoolID: Int64, printed: Bool, offset: Int, limit: Int) async throws -> (letters: [StoredLetter], total: Int) {
        try await database.read { sql in
            // PostgreSQL refuses an ORDER BY beside COUNT(*): the count takes the filter alone.
            let total = try await sql.value(Int64.self, "SELECT COUNT(*) FROM letter WHERE " + (printed ? Self.printedLetters : SQLiteStore.waiting),
                                            [schoolID]) ?? 0
            let clause = printed ? SQLiteStore.printedOrder : SQLiteStore.waitingOrder
            let page = try await Self.letters(sql, where: clause + " LIMIT ? OFFSET ?", [schoolID, max(0, min(limit, 500)), max(0, offset)])
            return (page, Int(total))
        }
    }

    /// `SQLiteStore.printedOrder` without its order. Waiting letters oldest first and printed ones
    /// newest first, both along `letter_waiting`; a letter whose decision was amended or rescinded
    /// before it was printed is not sent (`SQLiteStore.waiting`): the amended decision's letter
    /// replaces it (it stays stored, with its decision).
    private static let printedLetters = "letter.schoolId = ? AND letter.printedAt IS NOT NULL"

    public func newestWaitingLetterID(schoolID: Int64) async throws -> Int64? {
        try await database.read { sql in
            try await sql.value(Int64.self, "SELECT MAX(letter.id) FROM letter WHERE " + SQLiteStore.waiting + " AND letter.pdf IS NOT NULL",
                                [schoolID])
        }
    }

    public func letter(id: Int64, schoolID: Int64) async throws -> StoredLetter? {
        try await database.read { sql in
            try await Self.letters(sql, where: "letter.id = ? AND letter.schoolId = ?", [id, schoolID]).first
        }
    }

    public func markPrinted(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let requestID = try await sql.value(Int64.self, "SELECT requestId FROM letter WHERE id = ? AND schoolId = ?",
                                                      [letterID, schoolID])
            else { throw StoreError.notFound }
            // Marked printed once: only a letter not yet printed is touched, so a second mark (two
            // clerks, two servers) finds no row rather than the trigger's refusal.
            let touched = try await sql.execute("""
                UPDATE letter SET printedAt = ?, printedById = ? WHERE id = ? AND schoolId = ? AND printedAt IS NULL
                """, [at, actor.accountID, letterID, schoolID])
            guard touched == 1 else { throw StoreError.alreadyPrinted }
            try await sql.insert(AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .letterPrinted,
                                                             requestID: requestID, at: at, detail: "letter \(letterID)")),
                                 into: "auditEvent")
        }
    }

    public func letterPDF(id: Int64, schoolID: Int64) async throws -> StoredLetterPDF? {
        try await database.read { sql in try await Self.letterPDFs(sql, where: "letter.id = ? AND letter.schoolId = ?", [id, schoolID]).first }
    }

    public func standingLetterPDF(requestID: Int64, schoolID: Int64) async throws -> StoredLetterPDF? {
        try await database.read { sql in
            try await Self.letterPDFs(sql, where: """
                letter.requestId = ? AND letter.schoolId = ? AND letter.decisionId IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = letter.decisionId)
                ORDER BY letter.id DESC LIMIT 1
                """, [requestID, schoolID]).first
        }
    }

    public func waitingLetterPDFs(schoolID: Int64, limit: Int) async throws -> [StoredLetterPDF] {
        try await database.read { sql in
            try await Self.letterPDFs(sql, where: SQLiteStore.waitingOrder + " LIMIT ?", [schoolID, max(0, min(limit, 1000))])
        }
    }

    public func recordReprint(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let requestID = try await sql.value(Int64.self, "SELECT requestId FROM letter WHERE id = ? AND schoolId = ?",
                                                      [letterID, schoolID])
            else { throw StoreError.notFound }
            try await sql.insert(AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .letterReprinted,
                                                             requestID: requestID, at: at, detail: "letter \(letterID), from its stored PDF")),
                                 into: "auditEvent")
        }
    }

    /// Letters with a PDF; the bytes are read only here, never for the lists.
    static func letterPDFs(_ sql: PostgresSQL, where clause: String, _ arguments: [any SQLValue]) async throws -> [StoredLetterPDF] {
        try await sql.rows("""
            SELECT letter.id, letter.requestId, letter.pdf, letter.pdfSha256, leaveRequest.reference,
                   EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = letter.decisionId)
            FROM letter JOIN leaveRequest ON leaveRequest.id = letter.requestId
            WHERE letter.pdf IS NOT NULL AND \(clause)
            """, arguments).map { row in
            let pdf = try row[2, Data.self], sha256 = try row.optional(3, String.self)
            var letter = StoredLetterPDF(letterID: try row[0, Int64.self], requestID: try row[1, Int64.self], reference: try row[4, String.self],
                                         bytes: [UInt8](pdf), sha256: sha256 ?? "")
            letter.replaced = try row[5, Bool.self]
            return letter
        }
    }

    static func letters(_ sql: PostgresSQL, where clause: String, _ arguments: [any SQLValue]) async throws -> [StoredLetter] {
        try await sql.rows("""
            SELECT letter.id, letter.requestId, letter.html, letter.createdAt, letter.printedAt,
                   leaveRequest.reference, decision.outcome, pupil.forename, pupil.surname
            FROM letter
            JOIN leaveRequest ON leaveRequest.id = letter.requestId
            LEFT JOIN decision ON decision.id = letter.decisionId
            JOIN pupil ON pupil.id = leaveRequest.pupilId
            WHERE \(clause)
            """, arguments).map { row in
            guard let reference = ReferenceNumber(try row[5, String.self]) else { throw StoreError.corrupt("letter") }
            // No outcome for a letter that asks for evidence: nothing is decided yet.
            let outcome = try row.optional(6, String.self).flatMap(DecisionOutcome.init(rawValue:))
            let forename = try row[7, String.self], surname = try row[8, String.self]
            return StoredLetter(id: try row[0, Int64.self], requestID: try row[1, Int64.self], reference: reference,
                                pupilName: "\(forename) \(surname)",
                                outcome: outcome, html: try row[2, String.self], createdAt: try row[3, Date.self],
                                printedAt: try row.optional(4, Date.self))
        }
    }
}
