import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The office's upload page gives the same report as `leave-portal import`.
@Suite("Uploading the MIS's files")
struct ImportUploadTests {
    static let marks = Data("UPN,Date,Session,Mark\nA999200110002,2026-11-20,PM,M\nA999200199999,2026-11-20,AM,/\n".utf8)

    @Test func theOfficeUploadsACSVAndSeesTheReport() async throws {
        try await PortalHarness.run { client in
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let page = try await office.get("/office/imports")
            #expect(page.status == .ok)
            #expect(page.html.contains("demo-roll.xml"), "the demo's own import is listed")
            let result = try await office.upload("/office/imports", [("kind", "attendance")],
                                                 file: ("file", "marks.csv", Self.marks))
            #expect(result.status == .ok)
            #expect(result.html.contains("Imported marks.csv"))
            #expect(result.html.contains("0 pupils added, 0 updated; 0 marks added, 1 changed; 1 problem"))
            #expect(result.html.contains("no pupil on the roll has UPN A999200199999"))
            let again = try await office.upload("/office/imports", [("kind", "attendance")], file: ("file", "marks.csv", Self.marks))
            #expect(again.html.contains("0 marks added, 0 changed"))
        }
    }

    @Test func aProgramRenamedAsXMLIsRefusedAndTheChoiceKept() async throws {
        try await PortalHarness.run { client in
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            var executable = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])
            executable.append(Data(repeating: 0, count: 64))
            let refused = try await office.upload("/office/imports", [("kind", "ctf")], file: ("file", "roll.xml", executable))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("The file is not a text file"))
            #expect(refused.html.contains("value=\"ctf\" checked"))
        }
    }

    @Test func aBrokenOrForeignCTFIsRefusedWithTheReason() async throws {
        try await PortalHarness.run { client in
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let broken = Data("<?xml version=\"1.0\"?>\n<CTfile><Header><CTFversion>25</CTFversion></Header>\n<CTFpupilData><Pupil>".utf8)
            let page = try await office.upload("/office/imports", [("kind", "ctf")], file: ("file", "broken.xml", broken))
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("The file was refused and nothing was imported"))
            // A CTF from the trust's other school cannot be imported into this one.
            let other = Data("""
                <?xml version="1.0"?><CTfile><Header><CTFversion>25</CTFversion><SourceSchool><LEA>999</LEA><Estab>2002</Estab></SourceSchool></Header><CTFpupilData/></CTfile>
                """.utf8)
            let foreign = try await office.upload("/office/imports", [("kind", "ctf")], file: ("file", "other.xml", other))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.html.contains("comes from Willowmere Infant School"))
            let missing = try await office.upload("/office/imports", [], file: nil)
            #expect(missing.html.contains("Select what the file holds"))
            #expect(missing.html.contains("Select a file to import"))
        }
    }

    @Test func onlyTheOfficeCanImport() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            #expect(try await parent.get("/office/imports").status == .forbidden)
            #expect(try await parent.upload("/office/imports", [("kind", "attendance")], file: ("file", "m.csv", Self.marks)).status == .forbidden)
            let noToken = Browser(client)
            try await noToken.signIn("office@oakhollow.example")
            let forged = try await noToken.send("/office/imports", method: .post, body: ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nctf\r\n--x--\r\n"),
                                                contentType: "multipart/form-data; boundary=x")
            #expect(forged.status == .forbidden)
        }
    }
}
