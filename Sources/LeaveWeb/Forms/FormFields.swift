import Foundation
import LeaveServices

/// The fields of an `application/x-www-form-urlencoded` body. Repeated names keep every value.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    /// Files sent with a multipart form, by field name.
    public var files: [String: UploadedFile] = [:]

    public init() {}

    mutating func append(_ name: String, _ value: String) {
        values[name, default: []].append(value)
    }

    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    public subscript(_ name: String) -> String { values[name]?.first ?? "" }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        // A malformed escape keeps the raw text rather than losing what was typed.
        return spaced.removingPercentEncoding ?? spaced
    }
}
