import Mustache

/// How every template escapes what it shows: the same five characters as swift-mustache's HTML
/// type, but read as bytes, and a value with none of them (nearly every name, date and
/// reference) handed back as it is, without a copy. The built-in type walks characters through
/// a dictionary and was a tenth of the queue page's time.
struct PortalHTML: MustacheContentType {
    static let name = "PORTAL_HTML"
    /// Put before each template's text, so the type holds in partials and layouts too.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        let bytes = text.utf8
        // Over the string's own buffer where it has one: walking the UTF-8 view index by index
        // was most of the time escaping took.
        let needed = bytes.withContiguousStorageIfAvailable { $0.contains(where: needsEscape) } ?? bytes.contains(where: needsEscape)
        guard needed else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 24)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
