import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// Stored findings are read without JSONDecoder (issue 11): whatever a finding says, in any
/// alphabet and with any punctuation, it must read back exactly as JSONDecoder reads it.
@Suite("Stored findings read back")
struct StoredFindingsReaderTests {
    static let awkward = ["", "plain", "a \"quoted\" word", "back\\slash", "line\nbreak\ttab\r", "slash / and </script>",
                          "café 日本語 👩‍👧", "\u{0}\u{1F}", "£200 per parent", "\u{2028}\u{2029}"]

    static func json(_ findings: [StoredFinding]) -> String {
        String(decoding: try! JSONEncoder().encode(findings), as: UTF8.self)
    }

    @Test func whatJSONEncoderWroteReadsBackTheSame() {
        var findings: [StoredFinding] = []
        for (index, text) in Self.awkward.enumerated() {
            findings.append(StoredFinding(rule: "GEN-\(index)", severity: "attention", message: text,
                                          parentMessage: index % 2 == 0 ? nil : text + text, source: "000 §\(index)"))
        }
        #expect(StoredFindingsReader.findings(Self.json(findings)) == findings)
        #expect(StoredFindingsReader.findings("[]") == [])
        #expect(StoredFindingsReader.findings(" [ ] ") == [])
    }

    /// Escapes JSONEncoder never writes, but other JSON may hold: read as JSONDecoder reads them.
    @Test func everyEscapeOfJSONReads() {
        let text = #"[{"rule":"R","severity":"info","message":"\u00e9\ud83d\ude00\/\b\f\"","parentMessage":null,"source":"S","extra":"ignored"}]"#
        let expected = try! JSONDecoder().decode([StoredFinding].self, from: Data(text.utf8))
        #expect(StoredFindingsReader.findings(text) == expected)
        #expect(expected.first?.message == "é😀/\u{8}\u{C}\"")
    }

    /// What it does not expect goes to JSONDecoder, so a damaged record reads as it always did.
    @Test(arguments: [#"[{"rule":"R","severity":"info","message":"m","source":"S","count":3}]"#,
                      #"[{"rule":"R","severity":"info","message":"\ud83d","source":"S"}]"#,
                      #"[{"rule":"R","severity":"info","message":"m"}]"#, "not json", #"[{"rule":"R""#, "", "{}"])
    func anythingElseReadsAsJSONDecoderReadsIt(_ text: String) {
        let expected = (try? JSONDecoder().decode([StoredFinding].self, from: Data(text.utf8))) ?? []
        #expect(StoredFindingsReader.findings(text) == expected)
    }
}
