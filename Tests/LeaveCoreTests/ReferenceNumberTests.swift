import Foundation
import Testing
@testable import LeaveCore

@Suite("Reference numbers")
struct ReferenceNumberTests {
    @Test func referencesAreShortAndUseNoLookAlikeCharacters() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let reference = ReferenceNumber.random()
            #expect(reference.text.count == 9)
            #expect(reference.text.hasPrefix("LP-"))
            #expect(!reference.text.dropFirst(3).contains { "0O1IL5S".contains($0) })
            seen.insert(reference.text)
        }
        #expect(seen.count > 490)
    }

    @Test func parsingAcceptsLowerCaseAndRefusesAnythingElse() {
        #expect(ReferenceNumber("lp-7k3m9q")?.text == "LP-7K3M9Q")
        #expect(ReferenceNumber("LP-7K3M9O") == nil)
        #expect(ReferenceNumber("LP-7K3M9") == nil)
        #expect(ReferenceNumber("XX-7K3M9Q") == nil)
        #expect(ReferenceNumber("../etc/passwd") == nil)
        // Read byte by byte since issue 11: nothing longer, nothing outside ASCII, every character of the alphabet.
        #expect(ReferenceNumber("LP-7K3M9QQ") == nil && ReferenceNumber("") == nil && ReferenceNumber("LP-") == nil)
        #expect(ReferenceNumber("LP-7K3M9\u{0}") == nil && ReferenceNumber("LP-ﬀABCD") == nil && ReferenceNumber("ｌｐ-7K3M9Q") == nil)
        #expect(ReferenceNumber(" LP-7K3M9Q") == nil && ReferenceNumber("LP_7K3M9Q") == nil)
        let every = String(ReferenceNumber.alphabet)
        for start in stride(from: 0, to: every.count, by: ReferenceNumber.length) {
            let code = String(every.dropFirst(start).prefix(ReferenceNumber.length)).padding(toLength: ReferenceNumber.length, withPad: "2", startingAt: 0)
            #expect(ReferenceNumber("LP-" + code)?.text == "LP-" + code)
            #expect(ReferenceNumber("lp-" + code.lowercased())?.text == "LP-" + code)
        }
        for excluded in ["0", "1", "5", "I", "L", "O", "S", "i", "o"] {
            #expect(ReferenceNumber("LP-22222" + excluded) == nil, "\(excluded)")
        }
    }
}
