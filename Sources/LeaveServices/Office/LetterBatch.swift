import Foundation
import LeaveLetters
import LeaveStore

/// The office's print run: every waiting letter's stored PDF, unchanged, in one file, each
/// starting on the front of a sheet (a blank back after a letter with an odd number of pages),
/// joined by poppler's `pdfunite` (poppler-utils), which copies pages without redrawing them.
public enum LetterBatch {
    public enum Failure: Error, CustomStringConvertible {
        case noTool(String)
        case toolFailed(String)

        public var description: String {
            switch self {
            case .noTool(let path): "Letters cannot be joined into one PDF: \(path) is missing (install poppler-utils)."
            case .toolFailed(let detail): "Letters could not be joined into one PDF: \(detail)"
            }
        }
    }

    public static let tool = "/usr/bin/pdfunite"

    public static func combine(_ letters: [StoredLetterPDF]) throws -> [UInt8] {
        guard letters.count > 1 else { return letters.first?.bytes ?? [] }
        guard FileManager.default.isExecutableFile(atPath: tool) else { throw Failure.noTool(tool) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-portal-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blank = folder.appendingPathComponent("blank.pdf")
        try Data(LetterPDF.blankPage()).write(to: blank)
        var inputs: [String] = []
        for (index, letter) in letters.enumerated() {
            let file = folder.appendingPathComponent("\(index).pdf")
            try Data(letter.bytes).write(to: file)
            inputs.append(file.path)
            if index < letters.count - 1 && pageCount(letter.bytes) % 2 == 1 { inputs.append(blank.path) }
        }
        let output = folder.appendingPathComponent("batch.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = inputs + [output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.toolFailed(String(decoding: message, as: UTF8.self).prefix(300).description)
        }
        return [UInt8](try Data(contentsOf: output))
    }

    /// Pages in a PDF Cairo wrote: its page objects say `/Type /Page`, its page tree `/Type /Pages`.
    static func pageCount(_ pdf: [UInt8]) -> Int {
        let marker = Array("/Type /Page".utf8)
        var count = 0
        var index = 0
        while index + marker.count < pdf.count {
            if pdf[index] == marker[0] && Array(pdf[index..<index + marker.count]) == marker && pdf[index + marker.count] != UInt8(ascii: "s") {
                count += 1
                index += marker.count
            } else {
                index += 1
            }
        }
        return max(count, 1)
    }
}
