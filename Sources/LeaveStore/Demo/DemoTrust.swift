import Foundation
import GRDB
import LeaveCore

/// A made-up trust for trying the portal: two schools, staff of every role, parents, and
/// three years of calendar. The pupils come in through the MIS import, as a real school's
/// would (see `roll(of:)`). Every name is invented; none belongs to a real person or school.
public enum DemoTrust {
    public static let trustName = "Demo Learning Trust"
    public static let password = "demo-password"
    static let mainSchoolName = "Oakhollow Primary School"
    static let infantSchoolName = "Willowmere Infant School"

    /// One line of the log-ins printed at start.
    public struct Login: Hashable, Sendable {
        public let email: String
        public let role: Role
        public let school: String
        public let note: String
    }

    /// What loading found or made: the log-ins, and the schools whose pupils still have to be
    /// imported (created just now, or left without pupils by a start that was stopped).
    public struct Loaded: Sendable {
        public let logins: [Login]
        public let newSchools: [School]
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

    /// Loads the demo trust unless it is there already.
    /// `passwordHash` is only called when accounts are created (bcrypt is slow on purpose).
    public static func load(into database: AppDatabase, today: SchoolDate,
                            passwordHash: @Sendable () -> String) async throws -> Loaded {
        let exists = try await database.writer.read { db in
            try TrustRecord.filter(Column("name") == trustName).fetchCount(db) > 0
        }
        var created: [School] = []
        if !exists {
            let hash = passwordHash()
            created = try await database.writer.write { db in try seed(db, today: today, hash: hash) }
        } else {
            // A start stopped after the schools were made but before their pupils came in
            // finishes the job now, rather than leaving a school without pupils for ever.
            created = try await database.writer.read { db in
                try SchoolRecord.fetchAll(db, sql: """
                    SELECT school.* FROM school JOIN trust ON trust.id = school.trustId
                    WHERE trust.name = ? AND NOT EXISTS (SELECT 1 FROM pupil WHERE pupil.schoolId = school.id)
                    ORDER BY school.id
                    """, arguments: [trustName]).map(\.school)
            }
        }
        return Loaded(logins: try await logins(database), newSchools: created)
    }

    /// The demo pupils of a school as its MIS would export them, with the parents' emails as
    /// contacts with parental responsibility, which links them to the parent accounts.
    public static func roll(of school: School) -> [ImportedPupil] {
        if school.name == infantSchoolName {
            return [ImportedPupil(upn: "A999200200001", forename: "Rue", surname: "Kestrelby",
                                  dateOfBirth: SchoolDate(iso: "2019-10-02"), sex: "F", yearGroup: YearGroup(1),
                                  contacts: [ImportedContact(name: "Kit Kestrelby", relationship: "Father",
                                                             parentalResponsibility: true, email: "parent@willowmere.example",
                                                             address: ["3 Sample Close", "Sampleton", "SA2 4XX"])])]
        }
        var pupils: [ImportedPupil] = []
        var child = 0
        for (family, size) in familySizes.enumerated() {
            let surname = surnames[family % surnames.count]
            for _ in 0..<size where child < forenames.count {
                // Spread the children from Reception to Year 6.
                let year = (child * 7 / forenames.count + family) % 7
                pupils.append(ImportedPupil(
                    upn: "A9992001" + String(10000 + child + 1).suffix(5), forename: forenames[child], surname: surname,
                    dateOfBirth: SchoolDate(year: 2020 - year, month: 1 + child % 12, day: 1 + child % 28),
                    sex: child % 2 == 0 ? "F" : "M", yearGroup: YearGroup(year),
                    contacts: [ImportedContact(name: "\(["Sam", "Alex", "Jo", "Chris"][family % 4]) \(surname)",
                                               relationship: ["Mother", "Father", "Parent", "Mother"][family % 4],
                                               parentalResponsibility: true, email: "parent\(family + 1)@example.com",
                                               // Made-up addresses on made-up streets, for the envelope window.
                                               address: ["\(family * 2 + 1) \(["Example Road", "Sample Lane", "Specimen Way"][family % 3])",
                                                         "Sampleton", "SA1 \(family % 9 + 1)ZZ"])]))
                child += 1
            }
        }
        return pupils
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

    static func seed(_ db: Database, today: SchoolDate, hash: String) throws -> [School] {
        var trust = TrustRecord(id: nil, name: trustName)
        try trust.insert(db)
        let year = today.academicYearStart
        // Local authority 999 and these establishment numbers belong to no real school.
        var main = SchoolRecord(id: nil, trustId: trust.id!, name: mainSchoolName,
                                addressLines: "1 Example Lane\nSampleton\nZZ99 1AA",
                                telephone: "01632 960001", email: "office@oakhollow.example",
                                headteacherName: "Dr R. Quintrell", laCode: "999", estab: "2001")
        try main.insert(db)
        var infant = SchoolRecord(id: nil, trustId: trust.id!, name: infantSchoolName,
                                  addressLines: "2 Example Road\nSampleton\nZZ99 2BB",
                                  telephone: "01632 960002", email: "office@willowmere.example",
                                  headteacherName: "Mrs P. Harrowgate", laCode: "999", estab: "2002")
        try infant.insert(db)
        for school in [main.id!, infant.id!] {
            for start in [year - 1, year, year + 1] {
                try addCalendar(db, schoolID: school, year: TypicalSchoolYear(startingIn: start))
            }
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
        for family in familySizes.indices {
            let surname = surnames[family % surnames.count]
            _ = try SQLiteStore.insertAccount(
                db, schoolID: main.id!, email: "parent\(family + 1)@example.com",
                displayName: "\(["Ms", "Mr", "Mx", "Mrs"][family % 4]) \(surname)", role: .parent, passwordHash: hash)
        }
        _ = try SQLiteStore.insertAccount(db, schoolID: infant.id!, email: "parent@willowmere.example",
                                          displayName: "Mr Kestrelby", role: .parent, passwordHash: hash)
        return [main.school, infant.school]
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
        for period in year.assessments {
            try db.execute(sql: """
                INSERT INTO assessmentPeriod (schoolId, name, yearGroups, startDate, endDate) VALUES (?, ?, ?, ?, ?)
                """, arguments: [schoolID, period.name, period.yearGroups.map(String.init).joined(separator: ","),
                                 period.start.iso, period.end.iso])
        }
    }
}
