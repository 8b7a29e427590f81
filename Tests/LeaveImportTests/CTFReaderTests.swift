import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveImport
@testable import LeaveStore

@Suite("Importing a CTF")
struct CTFImportTests {
    @Test func aValidFileBringsInPupilsContactsAndMarks() async throws {
        let h = try await ImportHarness()
        let report = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        #expect(report.pupils.added == 2)
        #expect(report.pupils.updated == 0)
        #expect(report.marks.added == 15)  // 11 in 2024/25 ('#' is not a mark), 4 in 2025/26
        #expect(report.problems.isEmpty)

        let juniper = try #require(try await h.pupil(upn: "A999200199001"))
        #expect(juniper.fullName == "Juniper Testwood")
        #expect(juniper.yearGroup == YearGroup(3))
        let ollie = try #require(try await h.pupil(upn: "A999200199002"))
        #expect(ollie.yearGroup == .reception)

        // The contact with parental responsibility and a parent account's email is linked to the pupil.
        let parent = try #require(try await h.store.account(email: "parent1@example.com")).account
        #expect(try await h.store.children(ofParent: parent.id).map(\.id) == [juniper.id])
        #expect(try h.count("pupilContact") == 2)
        // Issue 14: a contact given without an address lives at the pupil's (BS 7666 parts, the
        // post town that repeats the town kept once); one with address lines keeps its own.
        #expect(try await h.store.postalAddress(ofContact: "parent1@example.com", pupilID: juniper.id, schoolID: h.school.id)
                == ["Flat 2", "14 Specimen Street", "Sampleton", "Exampleshire", "SA9 9ZZ"])
        let addresses = try await h.database.writer.read { db in try String.fetchAll(db, sql: "SELECT address FROM pupilContact ORDER BY name") }
        #expect(addresses == ["1 Other Row\nTestbury\nTB1 1ZZ", "Flat 2\n14 Specimen Street\nSampleton\nExampleshire\nSA9 9ZZ"])

        // The imported history gives back the file's own summary counts (hand-checked in the fixture).
        let history = try await h.store.attendanceHistory(pupilID: juniper.id, schoolID: h.school.id)
        let stats = AttendanceStatistics(history: history, calendar: try await h.store.calendar(schoolID: h.school.id))
        #expect(stats.figures(from: SchoolDate(iso: "2024-09-01")!, to: SchoolDate(iso: "2025-08-31")!)
                == AttendanceFigures(possible: 11, attended: 7, authorised: 2, unauthorised: 2))
        #expect(history.code(at: SessionPoint(SchoolDate(iso: "2024-09-05")!, .am)) == .unauthorisedHoliday)
        #expect(history.code(at: SessionPoint(SchoolDate(iso: "2024-09-06")!, .pm)) == nil)
        #expect(try h.count("importRun") == 1)
    }

    @Test func importingTheSameFileTwiceChangesNothing() async throws {
        let h = try await ImportHarness()
        _ = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        let again = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        #expect(again.pupils.added == 0 && again.pupils.updated == 0)
        #expect(again.marks.added == 0 && again.marks.changed == 0)
        #expect(try h.count("attendanceMark") == 15)
        #expect(try h.count("pupil") == 2)
    }

    @Test func aCorrectedMarkIsCountedAsChanged() async throws {
        let h = try await ImportHarness()
        _ = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        let original = try String(contentsOfFile: ImportHarness.fixture("valid.xml"), encoding: .utf8)
        // The N on Monday 9 September becomes an I (illness, authorised), and the counts follow.
        let corrected = original.replacingOccurrences(of: "/\\/\\IIG\\L#####/N", with: "/\\/\\IIG\\L#####/I")
            .replacingOccurrences(of: "<SessionsAuthorised>2<", with: "<SessionsAuthorised>3<")
            .replacingOccurrences(of: "<SessionsUnauthorised>2<", with: "<SessionsUnauthorised>1<")
            .replacingOccurrences(of: "<Forename>Juniper<", with: "<Forename>Juniper-May<")
        let report = try await h.importCTF(try h.file("corrected.xml", corrected))
        #expect(report.marks.changed == 1)
        #expect(report.marks.added == 0)
        #expect(report.pupils.updated == 1)
        #expect(report.problems.isEmpty)
    }

    @Test func theOlderHeaderAndGenderSpellingsAreRead() async throws {
        let h = try await ImportHarness()
        let header = try CTFReader().header(path: ImportHarness.fixture("older-spellings.xml"))
        #expect(header.version == "17.0")
        #expect(header.laCode == "999" && header.estab == "2001")
        #expect(header.schoolName == "Oakhollow Primary School")
        let report = try await h.importCTF(ImportHarness.fixture("older-spellings.xml"))
        #expect(report.pupils.added == 2)
        let sex = try await h.database.writer.read { db in try String.fetchAll(db, sql: "SELECT sex FROM pupil ORDER BY upn") }
        #expect(sex == ["F", "M"])
    }

    @Test func aYearWhoseMarksDisagreeWithItsCountsIsLeftOutAndNamed() async throws {
        let h = try await ImportHarness()
        let report = try await h.importCTF(ImportHarness.fixture("counts-disagree.xml"))
        #expect(report.pupils.added == 2)
        #expect(report.marks.added == 4)  // only 2025/26
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.location.contains("A999200199001"))
        #expect(problem.location.contains("Juniper Testwood"))
        #expect(problem.location.contains("year 2024/25"))
        #expect(problem.message.contains("the marks give 11 for SessionsPossible but the file says 12"))
    }

    @Test(arguments: ["malformed.xml", "truncated.xml", "not-ctf.xml"])
    func aBrokenFileIsRefusedWholeAndSaysWhere(_ name: String) async throws {
        let h = try await ImportHarness()
        let before = try h.everything()
        let refusal = await #expect(throws: ImportRefusal.self) {
            _ = try await h.importCTF(ImportHarness.fixture(name))
        }
        #expect(refusal?.location?.hasPrefix("line ") == true, "no line given: \(String(describing: refusal))")
        #expect(try h.everything() == before)
    }

    /// Hostile XML: each is refused before anything is read or imported.
    @Test(arguments: ["external-entity.xml", "billion-laughs.xml", "large-entity.xml", "doctype-only.xml"])
    func entityAttacksAreRefused(_ name: String) async throws {
        let h = try await ImportHarness()
        let before = try h.everything()
        let refusal = await #expect(throws: ImportRefusal.self) {
            _ = try await h.importCTF(ImportHarness.fixture(name))
        }
        #expect(refusal?.message.contains("DOCTYPE") == true)
        #expect(try h.everything() == before)
        #expect(throws: ImportRefusal.self) { _ = try CTFReader().header(path: ImportHarness.fixture(name)) }
    }

    /// A DOCTYPE hidden behind a long comment gets past the quick check, and the parser itself refuses it.
    @Test func aDoctypeAfterALongPrologIsStillRefused() async throws {
        let h = try await ImportHarness()
        let padding = "<!--" + String(repeating: "padding ", count: 10_000) + "-->\n"
        let attack = try String(contentsOfFile: ImportHarness.fixture("external-entity.xml"), encoding: .utf8)
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "<?xml version=\"1.0\"?>\n" + padding)
        let refusal = await #expect(throws: ImportRefusal.self) {
            _ = try await h.importCTF(try h.file("hidden.xml", attack))
        }
        #expect(refusal?.message.contains("DOCTYPE") == true)
        #expect(try h.count("pupil") == 0)
    }

    @Test func aFileOverTheSizeLimitIsRefused() async throws {
        let h = try await ImportHarness()
        let refusal = await #expect(throws: ImportRefusal.self) {
            _ = try await h.importCTF(ImportHarness.fixture("valid.xml"), reader: CTFReader(maxBytes: 1000))
        }
        #expect(refusal?.message.contains("the limit is") == true)
    }
}

@Suite("Importing CSV")
struct CSVImportTests {
    @Test func marksWithABOMQuotesBlankLinesAndAnUnknownPupil() async throws {
        let h = try await ImportHarness()
        _ = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        let report = try await h.importCSV("marks-bom.csv")
        #expect(report.marks.added == 3)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.location == "line 5")
        #expect(report.problems.first?.message.contains("UPN A999200199404") == true)
        let juniper = try #require(try await h.pupil(upn: "A999200199001"))
        let history = try await h.store.attendanceHistory(pupilID: juniper.id, schoolID: h.school.id)
        #expect(history.code(at: SessionPoint(SchoolDate(iso: "2024-09-10")!, .pm)) == .illness)
        #expect(history.code(at: SessionPoint(SchoolDate(iso: "2024-09-11")!, .am)) == .performanceLicence)
        // The same file again changes nothing.
        let again = try await h.importCSV("marks-bom.csv")
        #expect(again.marks.added == 0 && again.marks.changed == 0)
    }

    @Test func anUnknownCodeRefusesTheWholeFile() async throws {
        let h = try await ImportHarness()
        let before = try h.everything()
        let refusal = await #expect(throws: ImportRefusal.self) { _ = try await h.importCSV("marks-bad-code.csv") }
        #expect(refusal?.location == "line 2")
        #expect(refusal?.message.contains("'Q9' is not a national attendance code") == true)
        #expect(try h.everything() == before)
    }

    @Test func pupilsAndContactsFromCSV() async throws {
        let h = try await ImportHarness()
        let report = try await h.importCSV("pupils.csv", pupils: true)
        #expect(report.pupils.added == 1)
        #expect(report.problems.map(\.location) == ["line 4"])
        let rowan = try #require(try await h.pupil(upn: "A999200199101"))
        #expect(rowan.surname == "Marsh, Jr")
        #expect(rowan.yearGroup == YearGroup(2))
        let contacts = try await h.database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM pupilContact ORDER BY name") }
        #expect(contacts == ["Lee Marsh", "Pat \"PJ\" Marsh"])
        let parent = try #require(try await h.store.account(email: "parent2@example.com")).account
        #expect(try await h.store.children(ofParent: parent.id).map(\.id) == [rowan.id])
        // Issue 14: the address in several columns, tidied, for the letter's window.
        #expect(try await h.store.postalAddress(ofContact: "PARENT2@example.com", pupilID: rowan.id, schoolID: h.school.id)
                == ["12 Sample Road", "Sampleton", "SA1 2MP"])
    }

    @Test func csvParsingEdgeCases() throws {
        let table = try CSVTable(data: Data("a,b\n\"x\ny\",\"he said \"\"hi\"\"\"\n\n  \n1,\n".utf8))
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["x\ny", "he said \"hi\""], ["1", ""]])
        #expect(table.rows.map(\.line) == [2, 6])
        #expect(throws: ImportRefusal.self) { _ = try CSVTable(data: Data("a\n\"open\n".utf8)) }
        #expect(throws: ImportRefusal.self) { _ = try CSVTable(data: Data([0xFF, 0xFE, 0x00])) }
        #expect(throws: ImportRefusal.self) { _ = try CSVTable(data: Data("a,b\n1,2,3\n".utf8)) }
    }
}

@Suite("Importing a whole year")
struct WholeYearImportTests {
    /// Crosses the store's batches of a hundred rows, and reads back every mark as written.
    @Test func aGeneratedYearRoundTripsThroughTheWriterImporterAndStore() async throws {
        let h = try await ImportHarness()
        let calendar = try await h.store.calendar(schoolID: h.school.id)
        let start = SchoolDate(iso: "2025-09-01")!, end = SchoolDate(iso: "2026-02-13")!
        var marks: [SessionMark] = []
        var day = start
        var n = 0
        while day <= end {
            if calendar.isSchoolDay(day) {
                for session in Session.allCases {
                    n += 1
                    marks.append(SessionMark(day, session, n % 17 == 0 ? .illness : n % 23 == 0 ? .unauthorisedOther : session == .am ? .presentAM : .presentPM))
                }
            }
            day = day.adding(days: 1)
        }
        #expect(marks.count > 200 && marks.count % 100 != 0)
        let pupil = ImportedPupil(upn: "A999200199777", forename: "Whole", surname: "Year", yearGroup: YearGroup(5))
        let xml = CTFWriter.document(header: CTFHeader(version: "25.0", laCode: "999", estab: "2001", schoolName: "x"),
                                     entries: [.init(pupil: pupil, years: [CTFWriter.year(marks, academicYear: 2025, from: start, to: end)])])
        let report = try await h.importCTF(try h.file("year.xml", xml))
        #expect(report.marks.added == marks.count)
        #expect(report.problems.isEmpty)
        let stored = try #require(try await h.pupil(upn: "A999200199777"))
        let history = try await h.store.attendanceHistory(pupilID: stored.id, schoolID: h.school.id)
        #expect(history.marks == AttendanceHistory(marks).marks)
    }

    @Test func aSessionGivenTwiceInOneCSVKeepsItsLastMark() async throws {
        let h = try await ImportHarness()
        _ = try await h.importCTF(ImportHarness.fixture("valid.xml"))
        let csv = "UPN,Date,Session,Mark\nA999200199002,2025-09-02,AM,N\nA999200199002,2025-09-02,AM,I\n"
        let data = Data(csv.utf8)
        let report = try await h.importCSV(data: data)
        #expect(report.marks.added == 1)
        let ollie = try #require(try await h.pupil(upn: "A999200199002"))
        let history = try await h.store.attendanceHistory(pupilID: ollie.id, schoolID: h.school.id)
        #expect(history.code(at: SessionPoint(SchoolDate(iso: "2025-09-02")!, .am)) == .illness)
    }
}
