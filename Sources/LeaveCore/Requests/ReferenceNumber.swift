/// The short reference a parent quotes when they ring the office, e.g. `LP-7K3M9Q`.
///
/// The alphabet leaves out 0/O, 1/I/L and 5/S so a reference read over the phone
/// or copied from a printed letter cannot be mistaken for another.
public struct ReferenceNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let alphabet = Array("2346789ABCDEFGHJKMNPQRTUVWXYZ")
    public static let prefix = "LP-"
    public static let length = 6

    public let text: String

    /// Read byte by byte, upper-casing ASCII only: every row of every list reads its reference
    /// through here, and Unicode upper-casing and comparing characters was a fortieth of the queue.
    public init?(_ text: String) {
        var upper: [UInt8] = []
        upper.reserveCapacity(Self.prefix.utf8.count + Self.length)
        for byte in text.utf8 {
            guard upper.count < Self.prefix.utf8.count + Self.length else { return nil }
            upper.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte)
        }
        guard upper.count == Self.prefix.utf8.count + Self.length, upper.starts(with: Self.prefix.utf8),
              upper.dropFirst(Self.prefix.utf8.count).allSatisfy(Self.alphabetBytes.contains)
        else { return nil }
        self.text = String(decoding: upper, as: UTF8.self)
    }

    private static let alphabetBytes = ByteAlphabet(alphabet)

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
