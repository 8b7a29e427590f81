import Foundation
import Testing
@testable import LeaveCore

@Suite("Rule IDs")
struct RuleIDTests {
    @Test func everyRuleHasAUniqueID() {
        let ids = RuleCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    /// A constant no rule uses would let code ask about a finding that can never come.
    @Test func everyConstantNamesExactlyOneRule() {
        let ids = RuleCatalogue.all.map(\.id)
        #expect(Set(RuleID.all).count == RuleID.all.count)
        for constant in RuleID.all {
            #expect(ids.filter { $0 == constant }.count == 1, "\(constant) is used by \(ids.filter { $0 == constant }.count) rules")
        }
        for id in ids {
            #expect(RuleID.all.contains(id), "\(id) has no constant in RuleID")
        }
    }

    /// The IDs as written: evaluate.md's output, stored findings and the pages all show them.
    @Test func rulesMDsIDsAreInTheCatalogue() {
        let ids = RuleCatalogue.all.map(\.id.rawValue)
        for id in ["GEN-NOT-SCHOOL-DAYS", "GEN-OVERLAP", "GEN-SESSIONS", "GEN-PROJECTED", "GEN-PA-RISK", "LOA-RETRO", "LOA-NOTICE",
                   "LOA-ASSESSMENT", "LOA-UNAUTHORISED", "LOA-AUTHORISED-10", "LOA-NOT-EXCEPTIONAL", "LOA-PROTEST", "LOA-EVIDENCE",
                   "LOA-HOLIDAY-ADJACENT", "LOA-PRIOR-LEAVE", "LOA-UNFORESEEN", "LOA-PENALTY-WARNING", "MED-NOT-ADVANCE", "MED-LONG",
                   "MED-EVIDENCE", "REL-NOTICE", "REL-NOT-SET-APART", "TRV-NOT-OCCUPATIONAL", "TRV-NOTICE", "TRV-200-SESSIONS",
                   "PERF-NO-LICENCE", "PERF-DATED", "PERF-UNDATED", "PERF-95", "PERF-EDUCATION", "LUN-DECIDE-BY", "LUN-MEETING",
                   "LUN-ATTENDANCE", "LUN-TERM"] {
            #expect(ids.contains(id), "rules.md's \(id) is not in the catalogue")
        }
    }

    /// Stored findings keep the bare ID, so records written before this type still read.
    @Test func anIDIsCodedAsItsText() throws {
        let json = try JSONEncoder().encode([RuleID.loaUnforeseen])
        #expect(String(decoding: json, as: UTF8.self) == #"["LOA-UNFORESEEN"]"#)
        #expect(try JSONDecoder().decode([RuleID].self, from: json) == [.loaUnforeseen])
        #expect(RuleID.lunchtimeDecideBy.description == "LUN-DECIDE-BY")
        #expect("\(RuleID.performanceAttendanceFloor)" == "PERF-95")
    }
}
