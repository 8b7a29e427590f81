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
    }
}
