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
        var line = line
        // Split on the bytes of `&` and `=`, which in UTF-8 are never part of another character:
        // the same parts as splitting by scalar, without walking the text scalar by scalar (every
        // page of a form reads the session's line, and the draft's inside it).
        try line.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                var end = index
                while end < bytes.count && bytes[end] != UInt8(ascii: "&") { end += 1 }
                if end > index {
                    let part = UnsafeBufferPointer(rebasing: bytes[index..<end])
                    if let equals = part.firstIndex(of: UInt8(ascii: "=")) {
                        let name = try unescape(UnsafeBufferPointer(rebasing: part[..<equals]))
                        values[name, default: []].append(try unescape(UnsafeBufferPointer(rebasing: part[(equals + 1)...])))
                    } else {
                        let name = try unescape(part)
                        if values[name] == nil { values[name] = [] }
                    }
                }
                index = end + 1
            }
        }
        return values
    }

    /// Only what the line itself uses is escaped: text in any alphabet stays as typed, as short as it was.
    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "=") }) else { return text }
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

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        // Most answers have nothing escaped, and Foundation's decoding is slow to find that out.
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        guard let plain = text.removingPercentEncoding else { throw Malformed() }
        return plain
    }
}
