import Foundation
import Testing
@testable import LeaveCore

/// The clauses shown under each finding: every rule cites one, and every quote is the policy's own words.
@Suite("Policy citations")
struct PolicyCitationTests {
    /// ../shared/policies beside the repository: this file is Tests/LeaveCoreTests/ in it.
    static let policiesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("../shared/policies")
        .standardizedFileURL

    /// Runs of whitespace (line breaks, tabs, no-break spaces) as one space, trimmed: the policies
    /// were converted from Word and PDF, so their line breaks fall anywhere.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The whitespace-normalised text of the policy whose file name starts with `prefix`, or nil
    /// when there is not exactly one such file.
    static func policyText(_ prefix: String) throws -> String? {
        let names = try FileManager.default.contentsOfDirectory(atPath: policiesFolder.path)
            .filter { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".txt") }
        guard names.count == 1, let name = names.first else { return nil }
        let text = try String(contentsOf: policiesFolder.appendingPathComponent(name), encoding: .utf8)
        return normalised(text)
    }

    /// Every citation with the rule citing it, by rule.
    static var allCitations: [(rule: RuleID, citation: PolicyCitation)] {
        var all: [(rule: RuleID, citation: PolicyCitation)] = []
        for (rule, citations) in PolicyCitations.byRule.sorted(by: { $0.key < $1.key }) {
            for citation in citations {
                all.append((rule: rule, citation: citation))
            }
        }
        return all
    }

    @Test func everyRuleCitesAClause() {
        for rule in RuleID.all {
            #expect(!PolicyCitations.citations(for: rule).isEmpty, "\(rule) cites no clause of any policy")
        }
    }

    @Test func onlyRulesOfTheCatalogueAreCited() {
        for rule in PolicyCitations.byRule.keys {
            #expect(RuleID.all.contains(rule), "\(rule) is cited but is not a rule of the catalogue")
        }
    }

    @Test func everyQuoteIsWordForWordFromItsPolicy() throws {
        var texts: [String: String] = [:]
        for (rule, citation) in Self.allCitations {
            if texts[citation.policy] == nil {
                texts[citation.policy] = try Self.policyText(citation.policy)
            }
            let text = try #require(texts[citation.policy], "\(rule): no single policy file \(citation.policy)_*.txt in \(Self.policiesFolder.path)")
            let quote = Self.normalised(citation.quote)
            #expect(!quote.isEmpty, "\(rule) has an empty quote")
            #expect(text.contains(quote), "\(rule): policy \(citation.policy) does not say \"\(quote)\"")
        }
    }

    @Test func everyCitationNamesItsPolicyByTheTitle() {
        for (rule, citation) in Self.allCitations {
            #expect(PolicyCitations.titles[citation.policy] != nil, "\(rule) cites policy \(citation.policy), which has no title")
            #expect(citation.policyTitle == PolicyCitations.titles[citation.policy], "\(rule) names policy \(citation.policy) \"\(citation.policyTitle)\"")
            #expect(!citation.section.isEmpty, "\(rule) cites policy \(citation.policy) with no section")
        }
    }

    @Test func everyTitledPolicyHasItsFile() throws {
        for prefix in PolicyCitations.titles.keys.sorted() {
            #expect(try Self.policyText(prefix) != nil, "no single policy file \(prefix)_*.txt in \(Self.policiesFolder.path)")
        }
    }

    @Test func quotesAreShort() {
        for (rule, citation) in Self.allCitations {
            #expect(citation.quote.count <= 400, "\(rule) quotes \(citation.quote.count) characters of policy \(citation.policy)")
        }
    }
}
