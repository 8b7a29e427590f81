import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14: each letter's PDF made once with its decision, served unchanged (reprints audited),
/// the office's run of waiting letters as one PDF marked printed only when the office says so,
/// and the parent's own copy.
@Suite("Letters as PDF through the portal")
struct LetterPDFWebTests {
    /// What poppler's pdfinfo or pdftotext reads in the PDF, as a reader's software would.
    static func poppler(_ tool: String, _ pdf: [UInt8], _ arguments: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portal-letter-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments + [file.path] + (tool == "pdftotext" ? ["-"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func pages(_ pdf: [UInt8]) throws -> Int {
        let info = try poppler("pdfinfo", pdf)
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    @Test func theOfficePrintsTheRunAndReprintsTheSameBytes() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let first = try await parent.askForLeave()[0]
            let second = try await parent.askForLeave(purpose: "A wedding abroad")[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            for reference in [first, second] {
                let done = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough")])
                #expect(done.status == .seeOther)
            }
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters").html
            #expect(letters.contains("Open every letter waiting (2) as one PDF"))
            let batchPath = try #require(letters.firstMainPath(startingWith: "/office/letters/waiting.pdf?upto="))
            let letterPath = try #require(letters.letterPaths.first)

            // One letter: an A4 PDF, shown in the browser, the same bytes each time.
            let pdf = try await office.get(letterPath + ".pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition]?.hasPrefix("inline; filename=\"letter-LP-") == true)
            #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
            #expect(try await office.get(letterPath + ".pdf").bytes == pdf.bytes)
            let text = try Self.poppler("pdftotext", pdf.bytes)
            #expect(text.contains("has been refused") && text.contains("Not exceptional enough"))

            // Not printed yet: nothing to print "again".
            #expect(try await office.post(letterPath + "/reprint").status == .conflict)

            // The run: both letters, each from the front of a sheet (one page, then a blank back).
            let batch = try await office.get(batchPath)
            #expect(batch.status == .ok)
            #expect(try Self.pages(batch.bytes) == 3)
            // Opening it marked nothing; the office says they printed, and only then are they.
            #expect(try await office.get("/office/letters").html.contains("Open every letter waiting (2)"))
            let upTo = String(batchPath.split(separator: "=").last ?? "")
            let marked = try await office.post("/office/letters/printed-batch", [("upto", upTo)])
            #expect(marked.location == "/office/letters")
            #expect(try await office.get("/office/letters").html.contains("There are no letters waiting to be printed."))

            // A reprint: the stored bytes again, recorded on the request's record.
            let reprint = try await office.post(letterPath + "/reprint")
            #expect(reprint.status == .ok)
            #expect(reprint.bytes == pdf.bytes)
            #expect(reprint.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let record = try await head.get("/decisions/\(first)").html + (try await head.get("/decisions/\(second)").html)
            #expect(record.contains("Letter reprinted"))

            // The parent's own copy is the same letter; another parent's request is not found.
            let mine = try await parent.get("/parent/requests/\(first)/letter.pdf")
            #expect(mine.status == .ok && mine.bytes.starts(with: Array("%PDF-".utf8)))
            #expect(try await parent.get("/parent/requests/\(first)").html.contains("/parent/requests/\(first)/letter.pdf"))
            let stranger = Browser(client)
            try await stranger.signIn("parent1@example.com")
            #expect(try await stranger.get("/parent/requests/\(first)/letter.pdf").status == .notFound)
            #expect(try await parent.get(letterPath + ".pdf").status == .forbidden)
            #expect(try await office.get("/office/letters/999999.pdf").status == .notFound)
        }
    }
}
