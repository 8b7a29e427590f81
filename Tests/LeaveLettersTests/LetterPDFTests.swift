import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveLetters

/// Issue 14: letters as PDF through Pango and Cairo, read back with poppler's tools as a
/// reader's software would read them.
@Suite("Letters as PDF")
struct LetterPDFTests {
    let fixtures = DecisionLetterTests()

    /// Runs a poppler tool on the PDF and returns what it printed.
    static func poppler(_ tool: String, _ pdf: [UInt8], _ arguments: [String] = []) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("letter-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("letter.pdf")
        try Data(pdf).write(to: file)
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

    func letter(parent: String = "Mr Marrowfield", forename: String = "Bryn", surname: String = "Marrowfield",
                reason: String = "A funeral is exceptional.") -> DecisionLetter {
        let base = fixtures.letter(outcome: .granted, reason: reason, kind: .exceptional, category: .exceptional)
        var letter = DecisionLetter(school: base.school, letterDate: base.letterDate, parentName: parent,
                                    pupil: Pupil(id: 4, schoolID: 1, forename: forename, surname: surname, yearGroup: YearGroup(3)!),
                                    request: base.request, outcome: .granted, reason: reason, decidedBy: base.decidedBy)
        letter.parentAddress = ["12 Sample Road", "Sampleton", "SA1 2MP"]
        return letter
    }

    @Test func aLetterIsOneA4PageWithEveryPartOfTheLetter() throws {
        let pdf = try renderPDF(letter())
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let info = try Self.poppler("pdfinfo", pdf)
        #expect(info.contains("Pages:           1"))
        #expect(info.contains("595.276 x 841.89 pts (A4)"))
        let text = try Self.poppler("pdftotext", pdf, ["-layout"])
        for part in ["Oakhollow Primary School", "1 Example Lane", "Mr Marrowfield", "12 Sample Road", "SA1 2MP",
                     "Our reference: LP-7K3M9Q", "Dear Mr Marrowfield,", "Bryn Marrowfield, Year 3", "Granted",
                     "A funeral is exceptional.", "code C: leave of absence", "Yours sincerely,", "Dr R. Quintrell", "Headteacher"] {
            #expect(text.contains(part), "missing: \(part)")
        }
        #expect(!text.contains("Page 1 of"))
    }

    /// The name and address lie inside the window of a DL envelope (20 mm from the left, 50 mm
    /// down, 90 × 40 mm), so the letter needs no separate label.
    @Test func theAddressIsInsideTheEnvelopeWindow() throws {
        let html = try Self.poppler("pdftotext", try renderPDF(letter()), ["-bbox"])
        let window = LetterPDF.addressWindow
        for word in ["Marrowfield", "Sample", "SA1"] {
            // <word xMin="…" yMin="…" xMax="…" yMax="…">Marrowfield</word>
            let boxes = html.components(separatedBy: "<word ").filter { $0.contains(">\(word)</word>") || $0.contains(">\(word) ") }
            let inside = boxes.contains { box in
                func value(_ name: String) -> Double {
                    guard let start = box.range(of: name + "=\"") else { return -1 }
                    return Double(box[start.upperBound...].prefix { $0 != "\"" }) ?? -1
                }
                return value("xMin") >= window.x && value("xMax") <= window.x + window.width
                    && value("yMin") >= window.y && value("yMax") <= window.y + window.height
            }
            #expect(inside, "\(word) is not inside the window: \(boxes.prefix(3))")
        }
    }

    /// A refusal with everything a refusal says (the codes, the penalty terms) still fits one sheet.
    @Test func aRefusalWithThePenaltyTermsFitsOnePage() throws {
        var refused = fixtures.letter(outcome: .refused, reason: "Holidays in term time are not exceptional circumstances under our policy, and the family has had leave refused before this year.",
                                      kind: .holiday, category: .holiday)
        refused.penalty = PenaltyTerms(amounts: [80, 160], thresholdSessions: 10, windowSchoolWeeks: 10)
        refused.parentAddress = ["12 Sample Road", "Sampleton", "SA1 2MP"]
        let pdf = try renderPDF(refused)
        #expect(try Self.poppler("pdfinfo", pdf).contains("Pages:           1"))
        #expect(try Self.poppler("pdftotext", pdf).contains("£80"))
    }

    /// A long reason runs on to a second page, and both are numbered.
    @Test func aLongLetterRunsOnAndIsNumbered() throws {
        let long = Array(repeating: "The family explained the circumstances at length, and the school weighed each of them.", count: 60)
            .joined(separator: "\n")
        let pdf = try renderPDF(letter(reason: long))
        let info = try Self.poppler("pdfinfo", pdf)
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        #expect(pages.flatMap { Int($0) }.map { $0 >= 2 } == true, "pages: \(pages ?? "none")")
        let text = try Self.poppler("pdftotext", pdf)
        #expect(text.contains("Page 1 of") && text.contains("Page 2 of"))
    }

    /// The office prints a batch double-sided: each letter starts on the front of a new sheet.
    @Test func fiftyLettersAreOnePDFWithFiftyFirstPages() throws {
        let letters = (0..<50).map { letter(forename: "Pupil\($0)") }
        let pdf = try renderPDF(letters)
        let pages = try Self.poppler("pdftotext", pdf).components(separatedBy: "\u{0C}")
        let firsts = pages.enumerated().filter { $0.element.contains("Our reference: LP-7K3M9Q") }.map(\.offset)
        #expect(firsts.count == 50)
        #expect(firsts.allSatisfy { $0 % 2 == 0 }, "a letter starts on a back: \(firsts.prefix(5))")
        for index in [0, 17, 49] { #expect(pages[firsts[index]].contains("Pupil\(index) Marrowfield")) }
    }

    /// Pango shapes every script with the fonts installed: a Polish and an Urdu name come back as typed.
    @Test func polishAndUrduNamesAreRendered() throws {
        let pdf = try renderPDF(letter(parent: "Pani Łucja Wiśniewska", forename: "Żaneta", surname: "عائشہ خان"))
        let text = try Self.poppler("pdftotext", pdf)
        #expect(text.contains("Łucja Wiśniewska"))
        #expect(text.contains("Żaneta"))
        #expect(text.contains("عائشہ") || text.contains(String("عائشہ".reversed())), "Urdu name missing from: \(text.prefix(400))")
        let fonts = try Self.poppler("pdffonts", pdf)
        #expect(fonts.contains("Arab") || fonts.contains("Naskh") || fonts.contains("Urdu"), "no Arabic-script font embedded: \(fonts)")
    }
}
