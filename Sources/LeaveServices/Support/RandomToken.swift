import LeaveCore

/// Unguessable identifiers (CSRF tokens, evidence file names): 43 characters of a URL-safe
/// alphabet from the system's secure generator, about 256 bits.
public enum RandomToken {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    public static func make() -> String {
        // Each draw from the system's generator is a system call, so one 64-bit draw gives ten
        // characters (six bits each, the alphabet having 64): five draws, not 43.
        var generator = SystemRandomNumberGenerator()
        var characters: [Character] = []
        characters.reserveCapacity(43)
        while characters.count < 43 {
            var bits: UInt64 = generator.next()
            for _ in 0..<min(10, 43 - characters.count) {
                characters.append(alphabet[Int(bits & 63)])
                bits >>= 6
            }
        }
        return String(characters)
    }

    /// By bytes: every request's CSRF cookie is checked here, and asking each character whether it
    /// is a letter looks up its Unicode properties.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy(alphabetBytes.contains)
    }

    private static let alphabetBytes = ByteAlphabet(alphabet)
}
