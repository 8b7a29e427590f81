/// Which bytes are characters of a small ASCII alphabet (references, tokens), as a table: a
/// character is checked with one look-up, not compared with each of the alphabet in turn.
public struct ByteAlphabet: Sendable {
    private let members: [Bool]

    public init(_ characters: some Sequence<Character>) {
        var members = [Bool](repeating: false, count: 256)
        for character in characters where character.isASCII { for byte in String(character).utf8 { members[Int(byte)] = true } }
        self.members = members
    }

    public func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}
