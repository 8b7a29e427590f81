import Foundation
@testable import LeaveLetters

/// The letters as the portal writes them: the project's own letters/*.yaml, read as at start.
enum SchoolWording {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("letters").path

    static func load() throws -> LetterWording { try LetterWordingLoader.load(folder: folder) }
}

func renderHTML(_ letter: DecisionLetter) throws -> String {
    LetterHTML.render(letter.content(try SchoolWording.load()))
}

func renderPDF(_ letters: [DecisionLetter]) throws -> [UInt8] {
    let wording = try SchoolWording.load()
    return LetterPDF.render(letters.map { $0.content(wording) })
}

func renderPDF(_ letter: DecisionLetter) throws -> [UInt8] { try renderPDF([letter]) }
