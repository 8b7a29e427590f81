import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveLetters

/// Issue 14: the school's crest at the head of its letters, uploaded by the administrator and
/// checked by content ("uploads checked by content and size").
@Suite("The school's crest")
struct LetterCrestTests {
    static let png = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/crest.png")))) ?? []

    @Test func aRealPNGIsTakenWithItsSize() throws {
        guard case .success(let size) = LetterCrest.check(Self.png) else { Issue.record("refused"); return }
        #expect(size.width == 48 && size.height == 32)
    }

    @Test func whatIsNotAUsablePNGIsRefusedWithItsReason() {
        var huge = Self.png
        huge.replaceSubrange(16..<20, with: [0, 0, 0x27, 0x10])  // 10,000 pixels wide
        var truncated = Array(Self.png.prefix(40))
        truncated[39] = 0
        let cases: [([UInt8], LetterCrest.Problem)] = [
            ([], .empty), (Array("GIF89a and more bytes to pass the length".utf8), .notPNG),
            ([UInt8](repeating: 1, count: LetterCrest.maximumBytes + 1), .tooLarge), (huge, .tooManyPixels), (truncated, .unreadable),
        ]
        for (bytes, problem) in cases {
            guard case .failure(let found) = LetterCrest.check(bytes) else { Issue.record("taken: \(problem)"); continue }
            #expect(found == problem)
        }
    }

    /// The crest is drawn as an image at the top of the letter; the text still all there.
    @Test func theLetterCarriesTheCrest() throws {
        var letter = LetterPDFTests().letter()
        letter.crest = Self.png
        let pdf = try renderPDF(letter)
        let images = try LetterPDFTests.poppler("pdfimages", pdf, ["-list"])
        #expect(images.contains("   48    32  rgb"), "\(images)")
        #expect(try LetterPDFTests.poppler("pdftotext", pdf).contains("Oakhollow Primary School"))
        #expect(try LetterPDFTests.poppler("pdfimages", try renderPDF(LetterPDFTests().letter()), ["-list"]).split(separator: "\n").count == 2)
    }
}
