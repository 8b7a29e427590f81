import Foundation
import GRDB
import HummingbirdTesting
import LeaveCore
import LeaveStore
import Testing

/// A family with children at two schools of one trust has one account (issue 12: "A parent is
/// linked to every pupil, in every school of the trust, whose contacts with parental
/// responsibility carry that address"). Each request goes to its child's school.
@Suite("A family across the trust's schools")
struct TrustFamilyTests {
    /// Willowmere's MIS now lists an Oakhollow parent as the contact of a new pupil.
    static func enrolAtWillowmere(_ database: AppDatabase) async throws -> School {
        let store = SQLiteStore(database)
        let willowmere = try #require(try await store.schools().first { $0.name == "Willowmere Infant School" })
        var batch = RegisterBatch()
        batch.pupils = DemoTrust.roll(of: willowmere).map { RegisterBatch.PupilEntry(pupil: $0) } + [
            RegisterBatch.PupilEntry(pupil: ImportedPupil(
                upn: "A999200200002", forename: "Sol", surname: "Marrowfield", yearGroup: YearGroup(0),
                contacts: [ImportedContact(name: "Parent of Sol", relationship: "Mother", parentalResponsibility: true,
                                           email: "parent2@example.com")])),
        ]
        _ = try await store.importRegister(batch, schoolID: willowmere.id,
                                           record: ImportRecord(kind: "csv", fileName: "roll.csv", actorName: "test", at: Date()))
        return willowmere
    }

    @Test func aChildAtTheTrustsOtherSchoolIsAskedForThereAndDecidedThere() async throws {
        try await PortalHarness.run { client, database in
            _ = try await Self.enrolAtWillowmere(database)
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            #expect(try await parent.get("/parent").html.contains("Sol Marrowfield"), "the new child is on the parent's page")

            // Children at two schools are asked for separately, and the message says who is where.
            try await parent.get("/parent/forms/leave")
            let both = try await parent.childIDs(["Bryn Marrowfield", "Sol Marrowfield"])
            let mixed = try await parent.post("/parent/forms/leave/children", both.map { ("children", $0) })
            #expect(mixed.status == .unprocessableContent)
            #expect(mixed.html.contains("Ask for children at different schools separately: Bryn goes to Oakhollow Primary School, Sol goes to Willowmere Infant School"))

            let reference = try #require(try await parent.askForLeave(children: ["Sol Marrowfield"]).first)
            let willowHead = Browser(client)
            try await willowHead.signIn("head@willowmere.example")
            #expect(try await willowHead.get("/decisions").html.contains(reference), "in Willowmere's queue")
            let oakHead = Browser(client)
            try await oakHead.signIn("head@oakhollow.example")
            #expect(!(try await oakHead.get("/decisions").html.contains(reference)), "not in Oakhollow's")
            #expect(try await oakHead.get("/decisions/\(reference)").status == .notFound)

            #expect(try await parent.get("/parent/requests/\(reference)").status == .ok)
            try await willowHead.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional")])
            let decided = try await parent.get("/parent/requests/\(reference)")
            #expect(decided.html.contains("Refused"))
            #expect(decided.html.contains("Not exceptional"))

            let schoolOfRequest = try await database.writer.read { db in
                try String.fetchOne(db, sql: """
                    SELECT school.name FROM leaveRequest JOIN school ON school.id = leaveRequest.schoolId WHERE reference = ?
                    """, arguments: [reference])
            }
            #expect(schoolOfRequest == "Willowmere Infant School")
        }
    }

    @Test func aParentRemovedAsContactAtOneSchoolKeepsTheOtherChild() async throws {
        try await PortalHarness.run { client, database in
            let willowmere = try await Self.enrolAtWillowmere(database)
            var batch = RegisterBatch()
            batch.pupils = DemoTrust.roll(of: willowmere).map { RegisterBatch.PupilEntry(pupil: $0) } + [
                // The MIS now names someone else as Sol's contact (a file without contacts keeps them).
                RegisterBatch.PupilEntry(pupil: ImportedPupil(
                    upn: "A999200200002", forename: "Sol", surname: "Marrowfield", yearGroup: YearGroup(0),
                    contacts: [ImportedContact(name: "Carer of Sol", relationship: "Carer", parentalResponsibility: true,
                                               email: "carer@example.org")])),
            ]
            _ = try await SQLiteStore(database).importRegister(batch, schoolID: willowmere.id,
                                                               record: ImportRecord(kind: "csv", fileName: "roll.csv", actorName: "test", at: Date()))
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let home = try await parent.get("/parent").html
            #expect(!home.contains("Sol Marrowfield"))
            #expect(home.contains("Bryn Marrowfield"))
        }
    }
}
