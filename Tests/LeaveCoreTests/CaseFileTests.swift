import Foundation
import Testing
@testable import LeaveCore

/// The what-if contract of ../shared/design/evaluate.md.
@Suite("leave-portal evaluate case files")
struct CaseFileTests {
    static let example = #"""
    {
      "asOf": "2025-02-24",
      "policy": { "preset": "westfield", "noticeDays": 14 },
      "calendar": {
        "terms": [ { "start": "2025-01-06", "end": "2025-02-14" }, { "start": "2025-02-24", "end": "2025-04-04" } ],
        "closures": [ "2025-01-06" ],
        "assessments": [ { "name": "KS2 SATs", "yearGroups": [6], "start": "2025-05-12", "end": "2025-05-15" } ],
        "religiousDays": [ { "religion": "Islam", "name": "Eid al-Fitr", "date": "2025-03-31" } ]
      },
      "pupil": {
        "yearGroup": 6,
        "attendance": [ { "date": "2025-02-12", "am": "/", "pm": "\\" }, { "date": "2025-02-13", "am": "I", "pm": "I" },
                        { "date": "2025-02-14", "am": "/", "pm": "\\" } ],
        "previousRequests": [ { "type": "leave", "category": "exceptional", "start": "2023-06-05", "end": "2023-06-09", "outcome": "granted" } ]
      },
      "request": {
        "type": "leave", "category": "exceptional", "purpose": "funeral of a grandparent abroad",
        "start": "2025-03-10", "startSession": "AM", "end": "2025-03-14", "endSession": "PM",
        "returnDate": "2025-03-17", "evidence": ["death-certificate.pdf"]
      }
    }
    """#

    static func evaluate(_ text: String) throws -> Evaluation {
        Evaluator.evaluate(try CaseFile.read(Data(text.utf8)))
    }

    static func error(_ text: String) -> String? {
        do {
            _ = try CaseFile.read(Data(text.utf8))
            return nil
        } catch let error as CaseFileError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func theDocumentedExampleGivesTheDocumentedShape() throws {
        let evaluation = try Self.evaluate(Self.example)
        #expect(evaluation.sessions == 10 && evaluation.schoolDays == 5)
        #expect(evaluation.registerCode == .exceptional)
        #expect(evaluation.attendanceToDate == 4.0 / 6.0)
        #expect(evaluation.projectedAttendance == 4.0 / 16.0)
        // Authorised absence 2 of 6 (33%) is above 10%, so: refuse.
        #expect(evaluation.recommendation == .refuse)
        let json = EvaluationJSON.encode(evaluation)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["recommendation", "sessions", "schoolDays", "attendanceToDate", "projectedAttendance", "registerCode", "findings"])
        #expect(object["recommendation"] as? String == "refuse")
        #expect(object["attendanceToDate"] as? Double == 0.667)
        #expect(object["projectedAttendance"] as? Double == 0.25)
        let findings = try #require(object["findings"] as? [[String: String]])
        // The rule is written as its bare ID, as evaluate.md shows it.
        #expect(findings.first?["rule"] == "LOA-AUTHORISED-10")
        #expect(findings.allSatisfy { Set($0.keys) == ["rule", "severity", "message", "source"] })
        #expect(findings.map { $0["rule"]! }.contains("LOA-PRIOR-LEAVE"))
    }

    /// evaluate.md: malformed cases exit 2 with a one-line message.
    @Test func malformedCasesAreRefusedWithOneLine() {
        let cases: [(String, String, String)] = [
            (#""purpose""#, #""colour": "blue", "purpose""#, "unknown field 'request.colour'"),
            (#""end": "2025-03-14""#, #""end": "2025-02-30""#, "request.end: '2025-02-30' is not a real date (YYYY-MM-DD)"),
            (#""end": "2025-03-14""#, #""end": "2025-03-07""#, "request.end (2025-03-07) is before request.start (2025-03-10)"),
            (#""am": "I""#, #""am": "A""#, "pupil.attendance[1].am: unknown attendance code 'A'"),
            (#""preset": "westfield""#, #""preset": "elsewhere""#, "policy.preset: unknown preset 'elsewhere' (one of default, westfield, manor, kilmorie, banks-lane)"),
            (#""noticeDays": 14"#, #""noticeDays": 14, "tea": 2"#, "unknown field 'policy.tea'"),
            (#""noticeDays": 14"#, #""noticeDays": "two weeks""#, "policy.noticeDays must be a whole number"),
            (#""type": "leave", "category": "exceptional", "purpose""#, #""type": "holiday", "purpose""#, "request.type: unknown type 'holiday' (one of leave, medical, religious, traveller, performance, lunchtime)"),
            (#""yearGroup": 6"#, #""yearGroup": 6.5"#, "pupil.yearGroup must be a whole number from 0 (Reception) to 13"),
        ]
        for (find, replace, message) in cases {
            let text = Self.example.replacingOccurrences(of: find, with: replace)
            #expect(text != Self.example, "fixture did not change for \(message)")
            let error = Self.error(text)
            #expect(error == message)
            #expect(error?.contains("\n") == false)
        }
        #expect(Self.error("{ not json") == "the file is not valid JSON")
        #expect(Self.error(#"{"asOf": "2025-02-24"}"#) == "calendar must be an object")
    }

    @Test func presetsDifferWhereTheirPoliciesDo() {
        let westfield = PolicySettings.preset("westfield")!, manor = PolicySettings.preset("manor")!
        let kilmorie = PolicySettings.preset("kilmorie")!, banks = PolicySettings.preset("banks-lane")!
        #expect(westfield.noticeDays == 14 && manor.noticeDays == 15)
        #expect(manor.escalateUnforeseenTo == "the trust CEO" && westfield.escalateUnforeseenTo == nil)
        #expect(westfield.retentionYears == 3 && manor.retentionYears == 6)
        #expect(kilmorie.returnDateRequired && kilmorie.attendanceExpectation == 0.96)
        #expect(banks.travellerMinimumSessions == 200)
        // Where a policy is silent, the preset takes the default.
        #expect(kilmorie.noticeDays == PolicySettings.standard.noticeDays)
        #expect(PolicySettings.preset("nowhere") == nil)
    }

    @Test func settingsAreCheckedWhenChanged() throws {
        var settings = PolicySettings.standard
        try settings.set(.noticeDays, to: .number(21))
        try settings.set(.escalateUnforeseenTo, to: .text("the chair of governors"))
        #expect(settings.noticeDays == 21 && settings.escalateUnforeseenTo == "the chair of governors")
        #expect(throws: PolicySettings.SettingError.outOfRange(.authorisedAbsenceLimit, "a fraction from 0 to 1, like 0.95")) {
            try settings.set(.authorisedAbsenceLimit, to: .number(10))
        }
        #expect(PolicySettingName(rawValue: "colour") == nil)
        for name in PolicySettings.settingNames {
            var copy = settings
            try copy.set(name, to: settings.value(of: name))
            #expect(copy == settings, "\(name) does not round-trip")
        }
    }

    /// The names are evaluate.md's, in the admin form's order, then the two the portal adds for the
    /// school's own published policy (issue 13) and its review procedure (issue 14), which no rule reads.
    @Test func settingNamesAreSpeltAsEvaluateMDSpellsThem() {
        #expect(PolicySettings.settingNames.map(\.rawValue) == [
            "noticeDays", "preferredNoticeDays", "assessmentBufferSchoolDays", "authorisedAbsenceLimit",
            "performanceFloor", "persistentAbsenceThreshold", "notExceptional", "evidenceRequired",
            "escalateUnforeseenTo", "retentionYears", "penaltyNoticeAmounts", "penaltyThresholdSessions",
            "penaltyWindowSchoolWeeks", "religiousNoticeDays", "travellerNoticeDays", "travellerMinimumSessions",
            "lunchtimeAttendanceFloor", "lunchtimeDecisionSchoolDays", "returnDateRequired", "attendanceExpectation",
            "policyAddress", "reviewProcedure", "lunchtimeReturnBy",
        ])
        #expect(PolicySettings.SettingError.wrongType(.noticeDays, expected: "a whole number").description == "noticeDays must be a whole number")
    }

    /// A number too large for Int is out of range like any other, not a crash.
    @Test func aHugeNumberInASettingIsOutOfRange() {
        var settings = PolicySettings.standard
        for huge in [1e300, -1e300, .infinity, 9.3e18] {
            #expect(throws: PolicySettings.SettingError.outOfRange(.noticeDays, "from 0 to 365")) {
                try settings.set(.noticeDays, to: .number(huge))
            }
            #expect(throws: PolicySettings.SettingError.outOfRange(.preferredNoticeDays, "from 0 to 365")) {
                try settings.set(.preferredNoticeDays, to: .number(huge))
            }
        }
        #expect(throws: PolicySettings.SettingError.wrongType(.penaltyNoticeAmounts, expected: "a list of amounts in pounds")) {
            try settings.set(.penaltyNoticeAmounts, to: .list(["99999999999999999999999"]))
        }
        #expect(settings == .standard)
    }

    /// The same numbers in a case file get the message an out-of-range value gets.
    @Test func aHugeNumberInACaseFileIsRefusedWithOneLine() {
        let cases: [(String, String, String)] = [
            (#""noticeDays": 14"#, #""noticeDays": 1e300"#, "policy.noticeDays must be from 0 to 365"),
            (#""noticeDays": 14"#, #""noticeDays": -1e300"#, "policy.noticeDays must be from 0 to 365"),
            (#""noticeDays": 14"#, #""noticeDays": 400"#, "policy.noticeDays must be from 0 to 365"),
            (#""noticeDays": 14"#, #""penaltyNoticeAmounts": [1e300]"#, "policy.penaltyNoticeAmounts must be a list of amounts in pounds"),
            (#""noticeDays": 14"#, #""penaltyNoticeAmounts": ["99999999999999999999999"]"#, "policy.penaltyNoticeAmounts must be a list of amounts in pounds"),
            (#""yearGroup": 6"#, #""yearGroup": 1e300"#, "pupil.yearGroup must be a whole number from 0 (Reception) to 13"),
            (#""yearGroup": 6"#, #""yearGroup": 99"#, "pupil.yearGroup must be a whole number from 0 (Reception) to 13"),
            (#""yearGroups": [6]"#, #""yearGroups": [1e300]"#, "calendar.assessments[0].yearGroups must be whole numbers"),
            (#""yearGroups": [6]"#, #""yearGroups": [6.5]"#, "calendar.assessments[0].yearGroups must be whole numbers"),
        ]
        for (find, replace, message) in cases {
            let text = Self.example.replacingOccurrences(of: find, with: replace)
            #expect(text != Self.example, "fixture did not change for \(message)")
            #expect(Self.error(text) == message)
        }
    }

    /// Education hours are the request's own figures: a huge one is reported, not a crash.
    @Test func hugeEducationHoursAreReported() throws {
        let performance = #"""
            "type": "performance", "start": "2025-03-10", "end": "2025-03-10",
            "licence": { "number": "PL-1", "authority": "Sampleton", "dates": null,
                         "education": { "hoursPerWeek": -1e300, "hoursPerDay": [-1e300], "maxHoursOnADay": 1e300 } }
          }
        }
        """#
        let start = try #require(Self.example.range(of: #""type": "leave", "category": "exceptional", "purpose""#))
        let text = String(Self.example[..<start.lowerBound]) + performance
        let evaluation = try Self.evaluate(text)
        let message = evaluation.findings.first { $0.rule == .performanceEducation }?.message ?? ""
        #expect(message.contains("e+300 hours a week") && message.contains("e+300 hours on one day"), "\(message)")
    }
}
