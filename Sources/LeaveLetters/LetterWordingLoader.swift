import Foundation
import LeaveCore
import Yams

/// Reads letters/*.yaml and checks each file as the portal starts: every letter present, no
/// unknown key, no placeholder the letter cannot fill. A mistake is named by file, line and field.
public enum LetterWordingLoader {
    public static func load(folder: String) throws -> LetterWording {
        var texts: [LetterKind: LetterWording.Text] = [:]
        for kind in LetterKind.allCases {
            let path = URL(fileURLWithPath: folder).appendingPathComponent("\(kind.rawValue).yaml").path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw DefinitionError(file: kind.file, line: nil, field: "file", message: "is missing or cannot be read (looked in \(folder))")
            }
            texts[kind] = try parse(text, kind: kind)
        }
        return LetterWording(texts: texts)
    }

    public static func parse(_ text: String, kind: LetterKind) throws -> LetterWording.Text {
        func fail(_ node: Node?, _ field: String, _ message: String) -> DefinitionError {
            DefinitionError(file: kind.file, line: node?.mark?.line, field: field, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw DefinitionError(file: kind.file, line: nil, field: "file", message: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw fail(root, "file", "must be a mapping of keys and texts") }
        let keys = kind.keys
        var values: [String: (node: Node, text: String)] = [:]
        for (key, value) in mapping {
            guard let name = key.string, keys.allowed.contains(name) else {
                throw fail(key, key.string ?? "?", "unknown key (allowed: \(keys.allowed.sorted().joined(separator: ", ")))")
            }
            guard let text = value.scalar?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw fail(value, name, "must be text, and not empty")
            }
            guard let used = LetterWording.placeholders(in: text) else {
                throw fail(value, name, "a { has no matching } (placeholders are written {forename})")
            }
            if let unknown = used.first(where: { !kind.placeholders.contains($0) }) {
                throw fail(value, name, "unknown placeholder {\(unknown)} (this letter may use: \(kind.placeholders.sorted().joined(separator: ", ")))")
            }
            values[name] = (value, text)
        }
        if let missing = keys.required.subtracting(values.keys).sorted().first {
            throw fail(root, missing, "is missing")
        }
        func line(_ key: String) -> String? {
            values[key].map { $0.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
        }
        return LetterWording.Text(subject: line("subject"), opening: paragraphs(values["opening"]?.text),
                                  reasonHeading: line("reasonHeading"), after: paragraphs(values["after"]?.text),
                                  greeting: line("greeting"), closing: paragraphs(values["closing"]?.text), signOff: line("signOff"))
    }

    /// Paragraphs are separated by a blank line; the lines of one are joined.
    static func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        var result: [String] = []
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.isEmpty {
                if !lines.isEmpty { result.append(lines.joined(separator: " ")) }
                lines = []
            } else {
                lines.append(line)
            }
        }
        if !lines.isEmpty { result.append(lines.joined(separator: " ")) }
        return result
    }
}
