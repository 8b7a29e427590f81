import Foundation
import LeaveCore

extension PostgresStore: InvitationStore {
    public func addSchool(_ new: NewSchool) async throws -> (school: School, trustID: Int64) {
        try await database.write { sql in
            let trustID: Int64
            if let found = try await sql.value(Int64.self, "SELECT id FROM trust WHERE name = ?", [new.trustName]) {
                trustID = found
            } else if let made = try await sql.value(Int64.self, "INSERT INTO trust (name) VALUES (?) RETURNING id", [new.trustName]) {
                trustID = made
            } else {
                throw StoreError.notFound
            }
            // Checked first: in PostgreSQL a failed insert ends the transaction, so the clash is found before it.
            let clash = try await sql.value(Int64.self, """
                SELECT COUNT(*) FROM school WHERE (trustId = ? AND name = ?) OR (laCode = ? AND estab = ?)
                """, [trustID, new.name, new.laCode, new.estab]) ?? 0
            guard clash == 0 else { throw StoreError.duplicateSchool }
            let addressLines = new.addressLines.joined(separator: "\n")
            let record = SchoolRecord(id: nil, trustId: trustID, name: new.name, addressLines: addressLines,
                                      telephone: new.telephone, email: new.email, headteacherName: new.headteacherName,
                                      laCode: new.laCode, estab: new.estab)
            let inserted: Int64?
            do {
                inserted = try await sql.insert(record, into: "school")
            } catch where PostgresDatabase.isUniqueViolation(error) {
                // Another server process added the same school meanwhile.
                throw StoreError.duplicateSchool
            }
            guard let schoolID = inserted else { throw StoreError.corrupt("a school was written without its id") }
            try await sql.execute("""
                INSERT INTO schoolPolicy (schoolId, preset, overrides, updatedAt, updatedBy) VALUES (?, ?, '{}', ?, 'set-up')
                """, [schoolID, new.preset, Date()])
            let school = School(id: schoolID, trustID: trustID, name: new.name,
                                addressLines: addressLines.split(separator: "\n").map(String.init),
                                telephone: new.telephone, email: new.email, headteacherName: new.headteacherName)
            return (school, trustID)
        }
    }

    public func createInvitation(schoolID: Int64, email: String, name: String, role: Role, tokenHash: String,
                                 at: Date, expiresAt: Date, message: MailMessage) async throws -> Invitation {
        try await database.write { sql in
            guard let id = try await sql.value(Int64.self, """
                INSERT INTO invitation (schoolId, email, name, role, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """, [schoolID, email, name, role.rawValue, tokenHash, at, expiresAt])
            else { throw StoreError.corrupt("an invitation was written without its id") }
            try await Self.enqueue(message, at: at, in: sql)
            // The message just queued, by this connection's own last use of the outbox's sequence.
            try await sql.execute("UPDATE invitation SET outboxId = currval(pg_get_serial_sequence('outbox', 'id')) WHERE id = ?", [id])
            return Invitation(id: id, schoolID: schoolID, email: email, name: name, role: role, createdAt: at, expiresAt: expiresAt, acceptedAt: nil)
        }
    }

    public func invitation(tokenHash: String) async throws -> Invitation? {
        try await database.read { sql in
            try await sql.row("SELECT * FROM invitation WHERE tokenHash = ?", [tokenHash]).flatMap { try Self.invitation($0) }
        }
    }

    public func pendingInvitation(email: String, at: Date) async throws -> Invitation? {
        try await database.read { sql in
            try await sql.row("""
                SELECT * FROM invitation WHERE email = ? AND acceptedAt IS NULL AND expiresAt > ? ORDER BY id DESC LIMIT 1
                """, [email, at]).flatMap { try Self.invitation($0) }
        }
    }

    public func acceptInvitation(id: Int64, passwordHash: String, at: Date) async throws -> Account {
        try await database.write { sql in
            // FOR UPDATE: a second acceptance at the same moment (another server process) waits for
            // this one, is tried again, and then finds the invitation used.
            guard let invitation = try await sql.row("SELECT * FROM invitation WHERE id = ? FOR UPDATE", [id]).flatMap({ try Self.invitation($0) })
            else { throw StoreError.notFound }
            guard invitation.status(at: at) == .pending else { throw StoreError.invitationUsed }
            let account = try await Self.insertAccount(sql, schoolID: invitation.schoolID, email: invitation.email,
                                                       displayName: invitation.name, role: invitation.role, passwordHash: passwordHash)
            if invitation.role == .parent {
                // Every child of the trust whose MIS contacts give this address with parental responsibility.
                try await sql.execute("""
                    INSERT INTO parentPupil (accountId, pupilId, schoolId)
                    SELECT ?, pupilContact.pupilId, pupilContact.schoolId FROM pupilContact
                    JOIN school ON school.id = pupilContact.schoolId
                    WHERE lower(pupilContact.email) = ? AND pupilContact.parentalResponsibility = true
                      AND school.trustId = (SELECT trustId FROM school WHERE id = ?)
                    ON CONFLICT DO NOTHING
                    """, [account.id, invitation.email, invitation.schoolID])
            }
            try await sql.execute("UPDATE invitation SET acceptedAt = ?, accountId = ? WHERE id = ?", [at, account.id, id])
            try await Self.record(SchoolActivity(schoolID: invitation.schoolID, actor: Actor(account), action: .accountAdded, at: at,
                                                 detail: "\(account.role.title), by invitation"), in: sql)
            return account
        }
    }

    public func expireInvitation(id: Int64, schoolID: Int64, at: Date) async throws -> Invitation? {
        try await database.write { sql in
            guard let found = try await sql.row("SELECT * FROM invitation WHERE id = ? AND schoolId = ?", [id, schoolID])
                .flatMap({ try Self.invitation($0) }), found.acceptedAt == nil else { return nil }
            try await sql.execute("UPDATE invitation SET expiresAt = ? WHERE id = ? AND expiresAt > ?", [at, id, at])
            return found
        }
    }

    public func invitations(schoolID: Int64, parents: Bool, offset: Int, limit: Int) async throws -> (invitations: [Invitation], total: Int) {
        try await database.read { sql in
            let total = try await sql.value(Int64.self, "SELECT COUNT(*) FROM invitation WHERE " + Self.invitationFilter,
                                            [schoolID, parents]) ?? 0
            let page = try await sql.rows("""
                SELECT invitation.*, (outbox.failedAt IS NOT NULL) AS undelivered FROM invitation
                LEFT JOIN outbox ON outbox.id = invitation.outboxId
                WHERE \(Self.invitationFilter) ORDER BY invitation.id DESC LIMIT ? OFFSET ?
                """, [schoolID, parents, max(0, min(limit, 500)), max(0, offset)]).compactMap { try Self.invitation($0) }
            return (page, Int(total))
        }
    }

    /// Parents' or staff's invitations, along the index `invitation_list` (whose second column is
    /// this very expression). Without its ORDER BY, which PostgreSQL refuses beside COUNT(*):
    /// pages add `ORDER BY invitation.id DESC`, newest first.
    static let invitationFilter = "invitation.schoolId = ? AND (invitation.role = 'parent') = ?"

    public func parentContacts(schoolID: Int64, at: Date) async throws -> (uninvited: [ParentContact], invited: Int, haveAccounts: Int, noEmail: Int) {
        try await database.read { sql in
            let noEmail = try await sql.value(Int64.self, """
                SELECT COUNT(*) FROM pupilContact WHERE schoolId = ? AND parentalResponsibility = true AND (email IS NULL OR email = '')
                """, [schoolID]) ?? 0
            // Grouped first, then looked up: PostgreSQL refuses a subquery that reads a grouped
            // table's column. account.email is compared in lower case, as SQLite's NOCASE did.
            let rows = try await sql.rows("""
                SELECT contact.email, contact.name,
                       EXISTS (SELECT 1 FROM account WHERE lower(account.email) = contact.email) AS hasAccount,
                       EXISTS (SELECT 1 FROM invitation WHERE invitation.email = contact.email
                               AND invitation.acceptedAt IS NULL AND invitation.expiresAt > ?) AS invited
                FROM (SELECT lower(email) AS email, MIN(name) AS name FROM pupilContact
                      WHERE schoolId = ? AND parentalResponsibility = true AND email IS NOT NULL AND email <> ''
                      GROUP BY lower(email)) AS contact
                ORDER BY contact.email
                """, [at, schoolID])
            var uninvited: [ParentContact] = []
            var invited = 0, haveAccounts = 0
            for row in rows {
                if try row[2, Bool.self] { haveAccounts += 1 } else if try row[3, Bool.self] { invited += 1 } else {
                    uninvited.append(ParentContact(email: try row[0, String.self], name: try row[1, String.self]))
                }
            }
            return (uninvited, invited, haveAccounts, Int(noEmail))
        }
    }

    static func invitation(_ row: SQLRow) throws -> Invitation? {
        guard let role = Role(rawValue: try row["role", String.self]) else { return nil }
        // Only the list of invitations reads `undelivered`; a row without that column is not undelivered.
        let undelivered = (try? row.optional("undelivered", Bool.self)) ?? false
        return Invitation(id: try row["id", Int64.self], schoolID: try row["schoolId", Int64.self], email: try row["email", String.self],
                          name: try row["name", String.self], role: role, createdAt: try row["createdAt", Date.self],
                          expiresAt: try row["expiresAt", Date.self], acceptedAt: try row.optional("acceptedAt", Date.self),
                          undelivered: undelivered)
    }
}
