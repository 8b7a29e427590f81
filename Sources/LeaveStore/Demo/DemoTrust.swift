import Foundation
import GRDB
import LeaveCore

/// A made-up trust for trying the portal: two schools, staff of every role, about thirty
/// pupils with their parents, and this year's and next year's calendars. Every name is
/// invented; none belongs to a real person or school.
public enum DemoTrust {
    public static let trustName = "Demo Learning Trust"
    public static let password = "demo-password"

    /// One line of the log-ins printed at start.
    public struct Login: Hashable, Sendable {
        public let email: String
        public let role: Role
        public let school: String
        public let note: String
    }

    static let forenames = [
        "Ada", "Bryn", "Cai", "Dara", "Eli", "Fen", "Gia", "Hal", "Isla", "Jude", "Kit", "Lior", "Mae",
        "Nico", "Odi", "Pia", "Quin", "Remy", "Sol", "Tam", "Uma", "Vin", "Wren", "Xan", "Yara", "Zed",
        "Arlo", "Bea", "Cove", "Dell",
    ]
    static let surnames = [
        "Quillbrook", "Marrowfield", "Thistlewick", "Pebblecombe", "Fernhollow", "Larkspurr", "Copperdene",
        "Wickenby", "Hollowmere", "Brambletoft", "Saltmarshe", "Ferncastle", "Dovecote", "Amberlode",
        "Brackenby", "Cinderholt", "Mosswood", "Tallowby",
    ]
    /// Children per family, so some parents see two or three children.
    static let familySizes = [1, 2, 1, 3, 1, 1, 2, 1, 2, 1, 1, 3, 1, 2, 1, 1, 2, 4]

    /// Loads the demo trust unless it is there already; returns the log-ins either way.
    /// `passwordHash` is only called when accounts are created (bcrypt is slow on purpose).
    public static func load(into database: AppDatabase, today: SchoolDate,
                            passwordHash: @Sendable () -> String) async throws -> [Login] {
        let exists = try await database.writer.read { db in
            try TrustRecord.filter(Column("name") == trustName).fetchCount(db) > 0
        }
        if !exists {
            let hash = passwordHash()
            try await database.writer.write { db in try seed(db, today: today, hash: hash) }
        }
        return try await logins(database)
    }

    static func logins(_ database: AppDatabase) async throws -> [Login] {
        try await database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT account.email, account.role, school.name AS school,
                       (SELECT COUNT(*) FROM parentPupil WHERE parentPupil.accountId = account.id) AS children
                FROM account JOIN school ON school.id = account.schoolId
                JOIN trust ON trust.id = school.trustId
                WHERE trust.name = ?
                ORDER BY school.id, CASE account.role WHEN 'parent' THEN 1 ELSE 0 END, account.id
                """, arguments: [trustName])
            return rows.compactMap { row in
                guard let role = Role(rawValue: row["role"]) else { return nil }
                let children: Int = row["children"]
                return Login(email: row["email"], role: role, school: row["school"],
                             note: role == .parent ? "\(children) \(children == 1 ? "child" : "children")" : role.title)
            }
        }
    }

    static func seed(_ db: Database, today: SchoolDate, hash: String) throws {
        var trust = TrustRecord(id: nil, name: trustName)
        try trust.insert(db)
        let year = today.academicYearStart
        var main = SchoolRecord(id: nil, trustId: trust.id!, name: "Oakhollow Primary School",
                                addressLines: "1 Example Lane\nSampleton\nZZ99 1AA",
                                telephone: "01632 960001", email: "office@oakhollow.example",
                                headteacherName: "Dr R. Quintrell")
        try main.insert(db)
        var infant = SchoolRecord(id: nil, trustId: trust.id!, name: "Willowmere Infant School",
                                  addressLines: "2 Example Road\nSampleton\nZZ99 2BB",
                                  telephone: "01632 960002", email: "office@willowmere.example",
                                  headteacherName: "Mrs P. Harrowgate")
        try infant.insert(db)
        for school in [main.id!, infant.id!] {
            for start in [year, year + 1] { try addCalendar(db, schoolID: school, year: TypicalSchoolYear(startingIn: start)) }
        }

        let staff: [(String, String, Role)] = [
            ("head@oakhollow.example", "Dr R. Quintrell", .headteacher),
            ("deputy@oakhollow.example", "Mr S. Ashcombe", .deputy),
            ("office@oakhollow.example", "Mrs J. Birkett", .office),
            ("admin@oakhollow.example", "A. Fenwright", .admin),
        ]
        for (email, name, role) in staff {
            _ = try SQLiteStore.insertAccount(db, schoolID: main.id!, email: email, displayName: name, role: role, passwordHash: hash)
        }
        _ = try SQLiteStore.insertAccount(db, schoolID: infant.id!, email: "head@willowmere.example",
                                          displayName: "Mrs P. Harrowgate", role: .headteacher, passwordHash: hash)

        var child = 0
        for (family, size) in familySizes.enumerated() {
            let surname = surnames[family % surnames.count]
            let parent = try SQLiteStore.insertAccount(
                db, schoolID: main.id!, email: "parent\(family + 1)@example.com",
                displayName: "\(["Ms", "Mr", "Mx", "Mrs"][family % 4]) \(surname)", role: .parent, passwordHash: hash)
            for _ in 0..<size where child < forenames.count {
                // Spread the children from Reception to Year 6.
                var pupil = PupilRecord(id: nil, schoolId: main.id!, upn: nil, forename: forenames[child],
                                        surname: surname, yearGroup: (child * 7 / forenames.count + family) % 7)
                try pupil.insert(db)
                try ParentPupilRecord(accountId: parent.id, pupilId: pupil.id!, schoolId: main.id!).insert(db)
                child += 1
            }
        }
        let infantParent = try SQLiteStore.insertAccount(
            db, schoolID: infant.id!, email: "parent@willowmere.example", displayName: "Mr Kestrelby",
            role: .parent, passwordHash: hash)
        var infantPupil = PupilRecord(id: nil, schoolId: infant.id!, upn: nil, forename: "Rue", surname: "Kestrelby", yearGroup: 1)
        try infantPupil.insert(db)
        try ParentPupilRecord(accountId: infantParent.id, pupilId: infantPupil.id!, schoolId: infant.id!).insert(db)
    }

    static func addCalendar(_ db: Database, schoolID: Int64, year: TypicalSchoolYear) throws {
        for term in year.terms {
            var record = TermRecord(id: nil, schoolId: schoolID, name: term.name, startDate: term.start.iso, endDate: term.end.iso)
            try record.insert(db)
        }
        for closure in year.closures {
            var record = ClosureRecord(id: nil, schoolId: schoolID, date: closure.date.iso, kind: closure.kind.rawValue, name: closure.name)
            try record.insert(db)
        }
    }
}
