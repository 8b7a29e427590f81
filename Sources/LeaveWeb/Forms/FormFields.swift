import Foundation
import LeaveCore
import LeaveServices

/// The fields of an `application/x-www-form-urlencoded` body. Repeated names keep every value.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    private var valueCount = 0
    /// Files sent with a multipart form, by field name.
    public var files: [String: UploadedFile] = [:]
    /// Why the form cannot be taken (a field too long, too many fields); nil when it can.
    public private(set) var problem: String?

    /// The longest value of any one field, in characters; every question has a lower limit of its own.
    public static let fieldLimit = 20_000
    /// The most values one form may carry (a page's questions, a parent's children, the weekdays).
    public static let valueLimit = 500

    public init() {}

    mutating func append(_ name: String, _ value: String) {
        guard valueCount < Self.valueLimit else {
            problem = "The form has more answers than this page accepts. Go back and try again."
            return
        }
        guard value.count <= Self.fieldLimit, name.count <= 100 else {
            problem = "An answer is longer than this page accepts (\(Self.fieldLimit) characters). Go back, shorten it and try again."
            return
        }
        values[Self.normalise(name), default: []].append(Self.normalise(value))
        valueCount += 1
    }

    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            append(Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// What was typed, in one Unicode form (NFC), without control characters other than tabs and
    /// line breaks, which nobody types and which would otherwise reach pages, letters and logs;
    /// nor the invisible ones that reorder or hide text (bidirectional overrides and isolates,
    /// zero-width spaces), which would print a letter's sentence backwards or a blank name.
    /// The joiners Arabic, Urdu and Indic scripts need (U+200C, U+200D) are kept.
    static func normalise(_ text: String) -> String {
        // Printable ASCII, tabs and line breaks are kept as they are, and are already in NFC.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return text }
        let kept = text.unicodeScalars.filter { scalar in
            !VisibleText.isHiddenFormatting(scalar)
                && (scalar.properties.generalCategory != .control || scalar == "\t" || scalar == "\n" || scalar == "\r")
        }
        return String(String.UnicodeScalarView(kept)).precomposedStringWithCanonicalMapping
    }

    public subscript(_ name: String) -> String { values[name]?.first ?? "" }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    private static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        // A malformed escape keeps the raw text rather than losing what was typed.
        return spaced.removingPercentEncoding ?? spaced
    }
}
