/// The short reference a parent quotes when they ring the office, e.g. `LP-7K3M9Q`.
///
/// The alphabet leaves out 0/O, 1/I/L and 5/S so a reference read over the phone
/// or copied from a printed letter cannot be mistaken for another.
public struct ReferenceNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let alphabet = Array("2346789ABCDEFGHJKMNPQRTUVWXYZ")
    public static let prefix = "LP-"
    public static let length = 6

    public let text: String

    public init?(_ text: String) {
        let upper = text.uppercased()
        guard upper.hasPrefix(Self.prefix) else { return nil }
        let code = upper.dropFirst(Self.prefix.count)
        guard code.count == Self.length, code.allSatisfy(Self.alphabet.contains) else { return nil }
        self.text = upper
    }

    public static func random(using generator: inout some RandomNumberGenerator) -> ReferenceNumber {
        let code = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return ReferenceNumber(prefix + String(code))!
    }

    public static func random() -> ReferenceNumber {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public var description: String { text }
}
