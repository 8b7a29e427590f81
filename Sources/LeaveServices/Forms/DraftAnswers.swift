import Foundation

/// A draft's answers written as one line, `name=value&name=value2&unanswered`, where each name
/// and value has its `%`, `&` and `=` percent-encoded and is read back by Foundation's
/// `removingPercentEncoding`. Every page of a form reads the draft from the session and writes it
/// back; as a JSON object of arrays it took several times longer to decode than as one string
/// (issue 11: "drafts kept compactly"). The web's session is written as such a line too.
public enum DraftAnswers {
    public struct Malformed: Error {}

    public static func encode(_ values: [String: [String]]) -> String {
        var parts: [String] = []
        for (name, answers) in values.sorted(by: { $0.key < $1.key }) {
            let escapedName = escape(name)
            // An input sent with nothing ticked is kept apart from one never shown.
            if answers.isEmpty { parts.append(escapedName) }
            for answer in answers { parts.append(escapedName + "=" + escape(answer)) }
        }
        return parts.joined(separator: "&")
    }

    public static func decode(_ line: String) throws -> [String: [String]] {
        var values: [String: [String]] = [:]
        // Split by scalar, not by character: an answer beginning with an accent kept as it is would
        // otherwise join the `&` or `=` before it into one character.
        for part in line.unicodeScalars.split(separator: "&") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try unescape(pair[0])
            if pair.count == 2 {
                values[name, default: []].append(try unescape(pair[1]))
            } else if values[name] == nil {
                values[name] = []
            }
        }
        return values
    }

    /// Only what the line itself uses is escaped: text in any alphabet stays as typed, as short as it was.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "&": escaped += "%26"
            case "=": escaped += "%3D"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func unescape(_ text: Substring.UnicodeScalarView) throws -> String {
        // Most answers have nothing escaped, and Foundation's decoding is slow to find that out.
        guard text.contains("%") else { return String(text) }
        guard let plain = String(text).removingPercentEncoding else { throw Malformed() }
        return plain
    }
}
