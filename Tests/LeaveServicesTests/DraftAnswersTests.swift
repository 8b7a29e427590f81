import Foundation
import PropertyBased
import Testing
@testable import LeaveServices

/// A draft is kept in the session between a form's pages; kept as one line of answers, it must
/// bring back exactly what the parent typed, whatever they typed (issue 11).
@Suite("A draft's answers come back as they were typed")
struct DraftAnswersTests {
    static let awkward = ["", "a&b=c", "100%", "%zz", "+ plus", "line\nbreak\ttab", "Llanfair café", "日本語の理由", "emoji 👩‍👧", "=", "&&", "~-_.",
                          // An answer beginning with a combining accent must not join the `=` or `&` before it.
                          "\u{301}", "=\u{301}", "&\u{301}x"]

    @Test func awkwardAnswersComeBackUnchanged() throws {
        var values: [String: [String]] = ["children": ["12", "13"], "evidence": [], "purpose": Self.awkward]
        for (index, text) in Self.awkward.enumerated() { values["name \(text) \(index)"] = [text] }
        #expect(try DraftAnswers.decode(DraftAnswers.encode(values)) == values)
        // Never answered and answered with nothing ticked stay apart.
        #expect(try DraftAnswers.decode(DraftAnswers.encode(["ticked": []]))["ticked"] == [])
        #expect(try DraftAnswers.decode(DraftAnswers.encode([:])) == [:])
    }

    @Test func anyTextComesBackUnchanged() async {
        await propertyCheck(count: 200, input: Gen.latin1.string(of: 0...40), Gen.latin1.string(of: 0...40)) { name, answer in
            let values = [name: [answer, answer + "&"], "other": [name]]
            #expect((try? DraftAnswers.decode(DraftAnswers.encode(values))) == values)
        }
    }

    @Test func aBrokenLineIsRefusedNotGuessed() {
        for broken in ["a=%", "a=%4", "a=%G1", "%=b"] {
            #expect(throws: DraftAnswers.Malformed.self, "\(broken)") { try DraftAnswers.decode(broken) }
        }
    }

    /// Sessions saved before the answers were kept as one line still open, and a saved draft is
    /// the draft that was saved.
    @Test func aDraftSavedEitherWayOpens() throws {
        let old = #"{"formID":"leave","values":{"purpose":["A funeral"],"children":["12"]},"uploads":{},"submissionKey":"k"}"#
        let draft = try JSONDecoder().decode(FormDraft.self, from: Data(old.utf8))
        #expect(draft.values == ["purpose": ["A funeral"], "children": ["12"]] && draft.submissionKey == "k")
        var typed = FormDraft(formID: "leave", startedWith: "nonce")
        typed.values = ["purpose": ["Grandad's 90th & party = 100%"], "evidence": []]
        let json = try JSONEncoder().encode(typed)
        #expect(try JSONDecoder().decode(FormDraft.self, from: json) == typed)
        #expect(!String(decoding: json, as: UTF8.self).contains("\"values\""))
    }
}

/// CSRF tokens, submission keys and evidence file names: 43 characters, about 256 bits.
@Suite("Random tokens")
struct RandomTokenTests {
    /// Ten characters come from each draw of the system's generator: every position must still
    /// take every character of the alphabet, and no two tokens be the same.
    @Test func everyPositionTakesEveryCharacter() {
        let tokens = (0..<2_000).map { _ in RandomToken.make() }
        #expect(tokens.allSatisfy(RandomToken.isWellFormed))
        #expect(Set(tokens).count == tokens.count)
        for position in 0..<43 {
            let seen = Set(tokens.map { Array($0)[position] })
            #expect(seen.count == 64, "position \(position)")
        }
        // Neighbouring characters agree about one time in 64 (42 pairs a token: about 1,300 in
        // all); a draw's bits reused for several characters would make them agree far more often.
        let agreeing = tokens.reduce(0) { count, token in
            let characters = Array(token)
            return count + zip(characters, characters.dropFirst()).filter { $0 == $1 }.count
        }
        #expect((700..<2_000).contains(agreeing), "\(agreeing) neighbouring pairs agree")
    }

    /// Tokens name files on disk and find invitations: only the 64 characters, exactly 43 of them.
    @Test func onlyATokensOwnShapeIsWellFormed() {
        let token = RandomToken.make()
        #expect(RandomToken.isWellFormed(token) && RandomToken.isWellFormed(String(repeating: "-", count: 43)))
        let short: String = String(token.dropLast())
        var bad: [String] = [short, token + "a", "../" + String(token.dropFirst(3)), "", String(token.dropLast(2)) + "é"]
        for ending in ["/", ".", "é", "\n", "٣", "ａ"] { bad.append(short + ending) }
        for bad in bad {
            #expect(!RandomToken.isWellFormed(bad), "\(bad.debugDescription)")
        }
    }
}
