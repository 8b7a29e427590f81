/// A mistake in a file a school edits (a form in forms/, a letter's wording in letters/), named
/// by file, line and field so the person who edited it can find it. The server does not start
/// with one.
public struct DefinitionError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let field: String
    public let message: String

    public init(file: String, line: Int?, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ", line \($0)" } ?? ""): \(field): \(message)"
    }
}
