import Foundation

/// Reads a stored list of findings (`[StoredFinding]` as JSONEncoder wrote it: an array of
/// objects whose values are strings or null) without Foundation's JSONDecoder, which took a
/// twentieth of the request page for a kilobyte and a half (issue 11). Anything it does not
/// expect (another shape, a number, a broken escape) is left to JSONDecoder, so a record reads
/// the same either way.
enum StoredFindingsReader {
    static func findings(_ text: String) -> [StoredFinding] {
        var text = text
        if let read = text.withUTF8({ bytes in
            var reader = Reader(bytes: bytes)
            return reader.list()
        }) {
            return read
        }
        return (try? JSONDecoder().decode([StoredFinding].self, from: Data(text.utf8))) ?? []
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func list() -> [StoredFinding]? {
            var found: [StoredFinding] = []
            guard take(UInt8(ascii: "[")) else { return nil }
            if take(UInt8(ascii: "]")) { return end() ? found : nil }
            repeat {
                guard let finding = object() else { return nil }
                found.append(finding)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) && end() ? found : nil
        }

        mutating func object() -> StoredFinding? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [String: String] = [:]
            if !take(UInt8(ascii: "}")) {
                repeat {
                    guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                    if takeNull() { continue }
                    guard let value = string() else { return nil }
                    fields[key] = value
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            guard let rule = fields["rule"], let severity = fields["severity"], let message = fields["message"],
                  let source = fields["source"] else { return nil }
            return StoredFinding(rule: rule, severity: severity, message: message, parentMessage: fields["parentMessage"], source: source)
        }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func takeNull() -> Bool {
            skipSpace()
            guard bytes[at...].starts(with: "null".utf8) else { return false }
            at += 4
            return true
        }

        mutating func end() -> Bool {
            skipSpace()
            return at == bytes.count
        }

        /// A JSON string; nil for anything JSONDecoder should judge instead.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            var start = at
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
                    at += 1
                    return String(validating: text, as: UTF8.self)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
                    guard at + 1 < bytes.count else { return nil }
                    let escaped = bytes[at + 1]
                    at += 2
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A character outside the basic plane, written as two escapes.
                            guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
                            at += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        UTF8.encode(unicode) { text.append($0) }
                    default:
                        return nil
                    }
                    start = at
                    continue
                }
                at += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            at += 4
            return value
        }
    }
}
