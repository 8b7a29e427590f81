import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: InvitationStore {
    public func addSchool(_ new: NewSchool) async throws -> (school: School, trustID: Int64) {
        try await writer.write { db in
            var trustID = try Int64.fetchOne(db, sql: "SELECT id FROM trust WHERE name = ?", arguments: [new.trustName])
            if trustID == nil {
                var trust = TrustRecord(id: nil, name: new.trustName)
                try trust.insert(db)
                trustID = trust.id
            }
            guard let trustID else { throw StoreError.notFound }
            let clash = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM school WHERE (trustId = ? AND name = ?) OR (laCode = ? AND estab = ?)
                """, arguments: [trustID, new.name, new.laCode, new.estab]) ?? 0
            guard clash == 0 else { throw StoreError.duplicateSchool }
            var record = SchoolRecord(id: nil, trustId: trustID, name: new.name, addressLines: new.addressLines.joined(separator: "\n"),
                                      telephone: new.telephone, email: new.email, headteacherName: new.headteacherName,
                                      laCode: new.laCode, estab: new.estab)
            try record.insert(db)
            try db.execute(sql: """
                INSERT INTO schoolPolicy (schoolId, preset, overrides, updatedAt, updatedBy) VALUES (?, ?, '{}', ?, 'set-up')
                """, arguments: [record.id, new.preset, Date()])
            return (record.school, trustID)
        }
    }

    public func createInvitation(schoolID: Int64, email: String, name: String, role: Role, tokenHash: String,
                                 at: Date, expiresAt: Date, message: MailMessage) async throws -> Invitation {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO invitation (schoolId, email, name, role, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, email, name, role.rawValue, tokenHash, at, expiresAt])
            let id = db.lastInsertedRowID
            try Self.enqueue(message, at: at, in: db)
            try db.execute(sql: "UPDATE invitation SET outboxId = ? WHERE id = ?", arguments: [db.lastInsertedRowID, id])
            return Invitation(id: id, schoolID: schoolID, email: email, name: name, role: role, createdAt: at, expiresAt: expiresAt, acceptedAt: nil)
        }
    }

    public func invitation(tokenHash: String) async throws -> Invitation? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM invitation WHERE tokenHash = ?", arguments: [tokenHash]).flatMap(Self.invitation)
        }
    }

    public func pendingInvitation(email: String, at: Date) async throws -> Invitation? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM invitation WHERE email = ? AND acceptedAt IS NULL AND expiresAt > ? ORDER BY id DESC LIMIT 1
                """, arguments: [email, at]).flatMap(Self.invitation)
        }
    }

    public func acceptInvitation(id: Int64, passwordHash: String, at: Date) async throws -> Account {
        try await writer.write { db in
            guard let invitation = try Row.fetchOne(db, sql: "SELECT * FROM invitation WHERE id = ?", arguments: [id]).flatMap(Self.invitation)
            else { throw StoreError.notFound }
            guard invitation.status(at: at) == .pending else { throw StoreError.invitationUsed }
            let account = try Self.insertAccount(db, schoolID: invitation.schoolID, email: invitation.email,
                                                 displayName: invitation.name, role: invitation.role, passwordHash: passwordHash)
            if invitation.role == .parent {
                // Every child of the trust whose MIS contacts give this address with parental responsibility.
                try db.execute(sql: """
                    INSERT OR IGNORE INTO parentPupil (accountId, pupilId, schoolId)
                    SELECT ?, pupilContact.pupilId, pupilContact.schoolId FROM pupilContact
                    JOIN school ON school.id = pupilContact.schoolId
                    WHERE lower(pupilContact.email) = ? AND pupilContact.parentalResponsibility = 1
                      AND school.trustId = (SELECT trustId FROM school WHERE id = ?)
                    """, arguments: [account.id, invitation.email, invitation.schoolID])
            }
            try db.execute(sql: "UPDATE invitation SET acceptedAt = ?, accountId = ? WHERE id = ?", arguments: [at, account.id, id])
            try Self.record(SchoolActivity(schoolID: invitation.schoolID, actor: Actor(account), action: .accountAdded, at: at,
                                           detail: "\(account.role.title), by invitation"), in: db)
            return account
        }
    }

    public func expireInvitation(id: Int64, schoolID: Int64, at: Date) async throws -> Invitation? {
        try await writer.write { db in
            guard let found = try Row.fetchOne(db, sql: "SELECT * FROM invitation WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
                .flatMap(Self.invitation), found.acceptedAt == nil else { return nil }
            try db.execute(sql: "UPDATE invitation SET expiresAt = ? WHERE id = ? AND expiresAt > ?", arguments: [at, id, at])
            return found
        }
    }

    public func invitations(schoolID: Int64, parents: Bool, offset: Int, limit: Int) async throws -> (invitations: [Invitation], total: Int) {
        try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invitation WHERE " + Self.invitationOrder,
                                         arguments: [schoolID, parents]) ?? 0
            let page = try Row.fetchAll(db, sql: """
                SELECT invitation.*, (outbox.failedAt IS NOT NULL) AS undelivered FROM invitation
                LEFT JOIN outbox ON outbox.id = invitation.outboxId
                WHERE \(Self.invitationOrder) LIMIT ? OFFSET ?
                """, arguments: [schoolID, parents, max(0, min(limit, 500)), max(0, offset)]).compactMap(Self.invitation)
            return (page, total)
        }
    }

    /// Parents' or staff's invitations, newest first, along the index `invitation_list` (whose
    /// second column is this very expression).
    static let invitationOrder = "invitation.schoolId = ? AND (invitation.role = 'parent') = ? ORDER BY invitation.id DESC"

    public func parentContacts(schoolID: Int64, at: Date) async throws -> (uninvited: [ParentContact], invited: Int, haveAccounts: Int, noEmail: Int) {
        try await writer.read { db in
            let noEmail = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM pupilContact WHERE schoolId = ? AND parentalResponsibility = 1 AND (email IS NULL OR email = '')
                """, arguments: [schoolID]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT lower(email) AS email, MIN(name) AS name,
                       EXISTS (SELECT 1 FROM account WHERE account.email = lower(pupilContact.email)) AS hasAccount,
                       EXISTS (SELECT 1 FROM invitation WHERE invitation.email = lower(pupilContact.email)
                               AND invitation.acceptedAt IS NULL AND invitation.expiresAt > ?) AS invited
                FROM pupilContact
                WHERE schoolId = ? AND parentalResponsibility = 1 AND email IS NOT NULL AND email <> ''
                GROUP BY lower(email) ORDER BY lower(email)
                """, arguments: [at, schoolID])
            var uninvited: [ParentContact] = []
            var invited = 0, haveAccounts = 0
            for row in rows {
                if row["hasAccount"] as Bool { haveAccounts += 1 } else if row["invited"] as Bool { invited += 1 } else {
                    uninvited.append(ParentContact(email: row["email"], name: row["name"]))
                }
            }
            return (uninvited, invited, haveAccounts, noEmail)
        }
    }

    static func invitation(_ row: Row) -> Invitation? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return Invitation(id: row["id"], schoolID: row["schoolId"], email: row["email"], name: row["name"], role: role,
                          createdAt: row["createdAt"], expiresAt: row["expiresAt"], acceptedAt: row["acceptedAt"],
                          undelivered: row.hasColumn("undelivered") ? (row["undelivered"] as Bool? ?? false) : false)
    }
}

extension SQLiteStore: OutboxStore {
    public func enqueue(_ message: MailMessage, at: Date) async throws {
        try await writer.write { db in try Self.enqueue(message, at: at, in: db) }
    }

    /// Written inside the caller's transaction, with the event the message reports.
    /// With `letterID`, the letter's PDF goes with the message when it is sent.
    static func enqueue(_ message: MailMessage, at: Date, letterID: Int64? = nil, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO outbox (schoolId, kind, toAddress, subject, body, createdAt, nextAttemptAt, letterId) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [message.schoolID, message.kind.rawValue, message.to, message.subject, message.text, at, at, letterID])
    }

    public func claimDueMessages(now: Date, until: Date, limit: Int) async throws -> [OutboxMessage] {
        try await writer.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE sentAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ? ORDER BY id LIMIT ?
                """, arguments: [now, limit])
            // Claimed in the same transaction: another sender (another process) sees them as not due.
            for row in rows {
                try db.execute(sql: "UPDATE outbox SET nextAttemptAt = ?, attempts = attempts + 1 WHERE id = ?", arguments: [until, row["id"] as Int64])
            }
            return try rows.compactMap { row in
                guard var found = Self.outbox(row) else { return nil }
                if let letterID: Int64 = row["letterId"],
                   let letter = try Row.fetchOne(db, sql: """
                       SELECT letter.pdf, leaveRequest.reference FROM letter JOIN leaveRequest ON leaveRequest.id = letter.requestId
                       WHERE letter.id = ? AND letter.schoolId = ?
                       """, arguments: [letterID, found.message.schoolID]),
                   let pdf: Data = letter["pdf"] {
                    var message = found.message
                    message.attachments = [MailAttachment(fileName: "letter-\(letter["reference"] as String).pdf", contentType: "application/pdf",
                                                          bytes: [UInt8](pdf))]
                    found = OutboxMessage(id: found.id, message: message, attempts: found.attempts, createdAt: found.createdAt)
                }
                return OutboxMessage(id: found.id, message: found.message, attempts: found.attempts + 1, createdAt: found.createdAt)
            }
        }
    }

    public func markSent(id: Int64, at: Date) async throws {
        try await writer.write { db in try db.execute(sql: "UPDATE outbox SET sentAt = ?, lastError = NULL WHERE id = ?", arguments: [at, id]) }
    }

    public func markFailed(id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        try await writer.write { db in
            if let retryAt {
                try db.execute(sql: "UPDATE outbox SET nextAttemptAt = ?, lastError = ? WHERE id = ?", arguments: [retryAt, error, id])
            } else {
                try db.execute(sql: "UPDATE outbox SET failedAt = ?, lastError = ? WHERE id = ?", arguments: [at, error, id])
            }
        }
    }

    public func markBounced(id: Int64, recipient: String, detail: String, at: Date) async throws -> Bool {
        try await writer.write { db in
            // Only a message that was sent, to the address the report names: a report that does not
            // match what the portal sent changes nothing.
            try db.execute(sql: """
                UPDATE outbox SET failedAt = ?, lastError = ?
                WHERE id = ? AND lower(toAddress) = lower(?) AND sentAt IS NOT NULL AND failedAt IS NULL
                """, arguments: [at, "returned: " + detail, id, recipient])
            guard db.changesCount > 0, let schoolID = try Int64.fetchOne(db, sql: "SELECT schoolId FROM outbox WHERE id = ?", arguments: [id])
            else { return false }
            try Self.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .mailReturned, at: at,
                                           detail: "message \(id) came back: \(detail)"), in: db)
            return true
        }
    }

    public func failedMessages(schoolID: Int64, limit: Int) async throws -> [OutboxMessage] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE schoolId = ? AND failedAt IS NOT NULL ORDER BY id DESC LIMIT ?",
                             arguments: [schoolID, max(0, min(limit, 500))]).compactMap(Self.outbox)
        }
    }

    static func outbox(_ row: Row) -> OutboxMessage? {
        guard let kind = MailMessage.Kind(rawValue: row["kind"]) else { return nil }
        return OutboxMessage(id: row["id"], message: MailMessage(schoolID: row["schoolId"], kind: kind, to: row["toAddress"],
                                                                 subject: row["subject"], text: row["body"]),
                             attempts: row["attempts"], createdAt: row["createdAt"])
    }
}
