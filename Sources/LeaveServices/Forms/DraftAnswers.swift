import Foundation

/// A draft's answers written as one line, `name=value&name=value2&unanswered`, where each name
/// and value has its ASCII punctuation percent-encoded. Every page of a form reads the draft from the session and
/// writes it back; as a JSON object of arrays it took several times longer to decode than as
/// one string (issue 11: "drafts kept compactly").
enum DraftAnswers {
    struct Malformed: Error {}

    static func encode(_ values: [String: [String]]) -> String {
        var line: [UInt8] = []
        for (name, answers) in values.sorted(by: { $0.key < $1.key }) {
            if answers.isEmpty {
                // An input sent with nothing ticked is kept apart from one never shown.
                if !line.isEmpty { line.append(ampersand) }
                escape(name, into: &line)
            }
            for answer in answers {
                if !line.isEmpty { line.append(ampersand) }
                escape(name, into: &line)
                line.append(equals)
                escape(answer, into: &line)
            }
        }
        return String(decoding: line, as: UTF8.self)
    }

    static func decode(_ line: String) throws -> [String: [String]] {
        var values: [String: [String]] = [:]
        for part in line.utf8.split(separator: ampersand, omittingEmptySubsequences: true) {
            if let equalsIndex = part.firstIndex(of: equals) {
                let name = try unescape(part[part.startIndex..<equalsIndex])
                values[name, default: []].append(try unescape(part[part.index(after: equalsIndex)...]))
            } else {
                let name = try unescape(part)
                if values[name] == nil { values[name] = [] }
            }
        }
        return values
    }

    private static let ampersand = UInt8(ascii: "&")
    private static let equals = UInt8(ascii: "=")
    private static let percent = UInt8(ascii: "%")
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: " "),
             // The bytes of letters beyond ASCII: none of them is `&`, `=` or `%`, so they stay as they are.
             0x80...0xFF:
            true
        default:
            false
        }
    }

    private static func escape(_ text: String, into line: inout [UInt8]) {
        for byte in text.utf8 {
            if isUnreserved(byte) {
                line.append(byte)
            } else {
                line.append(percent)
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func unescape(_ bytes: Substring.UTF8View.SubSequence) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == percent {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex, bytes.index(after: high) < bytes.endIndex,
                      let h = hexValue(bytes[high]), let l = hexValue(bytes[bytes.index(after: high)])
                else { throw Malformed() }
                out.append(h << 4 | l)
                index = bytes.index(high, offsetBy: 2)
            } else {
                out.append(byte)
                index = bytes.index(after: index)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
