import Foundation
import Testing
@testable import LeaveWeb

/// The portal's own HTML escaping (issue 11 replaced the template library's, which was slow)
/// must escape exactly what that one did, for any text at all.
@Suite("HTML escaping")
struct EscapingTests {
    /// The template library's rule, written the slow and obvious way.
    static func reference(_ text: String) -> String {
        text.map { character -> String in
            switch character {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: String(character)
            }
        }.joined()
    }

    @Test(arguments: ["", "Bryn Marrowfield", "<script>alert('x')</script>", "Tom & Jerry \"quoted\"", "O'Neill",
                      "e\u{301}<b>", "👨‍👩‍👧 <&>", "Łódź > Kraków", "a\u{0}<b", "&amp;"])
    func escapesWhatTheLibraryEscaped(_ text: String) {
        #expect(PortalHTML.escape(text) == Self.reference(text))
    }

    @Test func randomTextIsEscapedTheSameWay() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab<>&\"' é👍\u{301}\n")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(PortalHTML.escape(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
