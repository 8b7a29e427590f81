import Foundation
import Testing

/// Issue 14: "the school's letterhead with its crest (a PNG the admin uploads)"; uploads are
/// checked by content and size.
@Suite("The school's crest on its letters")
struct CrestTests {
    static let png = (try? Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LeaveLettersTests/Fixtures/crest.png"))) ?? Data()

    @Test func theAdminUploadsACrestAndTheNextLetterCarriesIt() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            #expect(try await admin.get("/admin").html.contains("Letters have no crest yet."))
            // A file that is not a PNG, whatever its name: refused, said beside the field.
            let wrong = try await admin.upload("/admin/crest", [], file: (name: "crest", fileName: "crest.png", data: Data("GIF89a pretending".utf8)))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("The crest must be a PNG image"))
            #expect(wrong.html.contains("href=\"#crest\""))
            let none = try await admin.upload("/admin/crest", [], file: nil)
            #expect(none.html.contains("Select the crest, a PNG image"))
            #expect(try await admin.get("/admin/crest.png").status == .notFound)
            // The real thing.
            #expect(try await admin.upload("/admin/crest", [], file: (name: "crest", fileName: "crest.png", data: Self.png)).status == .seeOther)
            let settings = try await admin.get("/admin").html
            #expect(settings.contains("<img src=\"/admin/crest.png\""))
            let image = try await admin.get("/admin/crest.png")
            // Kept as its pixels written again: a PNG of the same size, nothing else the file carried.
            #expect(image.headers[.contentType] == "image/png" && image.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(Array(image.bytes[16..<24]) == [0, 0, 0, 48, 0, 0, 0, 32])
            let polyglot = Self.png + Data("<html><script>alert(1)</script>".utf8)
            #expect(try await admin.upload("/admin/crest", [], file: (name: "crest", fileName: "crest.png", data: polyglot)).status == .seeOther)
            #expect(!String(decoding: try await admin.get("/admin/crest.png").bytes, as: UTF8.self).contains("<script>"))
            // The next decision's letter has it drawn at its head.
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral")]).status == .seeOther)
            let pdf = try await parent.get("/parent/requests/\(reference)/letter.pdf")
            #expect(try LetterPDFWebTests.poppler("pdfimages", pdf.bytes, ["-list"]).contains("   48    32  rgb"))
            // Only the administrator; and removed again, nothing is left behind.
            #expect(try await head.upload("/admin/crest", [], file: (name: "crest", fileName: "crest.png", data: Self.png)).status == .forbidden)
            #expect(try await admin.post("/admin/crest/remove").status == .seeOther)
            #expect(try await admin.get("/admin/crest.png").status == .notFound)
        }
    }
}
