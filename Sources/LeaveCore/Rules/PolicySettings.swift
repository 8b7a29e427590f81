/// A school's policy settings: every threshold the rules use. Schools differ (notice of two
/// weeks or 15 days, three or six years' retention, penalty amounts of different years);
/// each difference is a setting here, never a code change.
public struct PolicySettings: Hashable, Sendable, Codable {
    public var preset: String
    /// Calendar days' notice before the first day of leave (000: two weeks; 001 §5.1: 15 days).
    public var noticeDays: Int
    /// The notice the school asks for where possible (001 §5.1: four weeks), shown in messages.
    public var preferredNoticeDays: Int?
    /// School days before a statutory assessment period that count as part of it.
    public var assessmentBufferSchoolDays: Int
    /// Authorised absence this year above which leave is not granted (000: 10%).
    public var authorisedAbsenceLimit: Double
    /// Attendance below which performance absence is not authorised (000: 95%).
    public var performanceFloor: Double
    /// Absence at or above which a pupil is persistently absent (000 "Definitions": 10%).
    public var persistentAbsenceThreshold: Double
    /// Leave categories the policy says are not exceptional (001 §5.1; 004).
    public var notExceptional: [String]
    /// Leave categories that need evidence attached (001 §5.1).
    public var evidenceRequired: [String]
    /// Whom the headteacher consults on unforeseen circumstances (001 §5.1: the trust CEO).
    public var escalateUnforeseenTo: String?
    /// Years decisions and register entries are kept (001 §4.1: 6; 000: 3).
    public var retentionYears: Int
    /// Penalty notice amounts in pounds: paid promptly, then later (001 §5.2: £80 and £160).
    public var penaltyNoticeAmounts: [Int]
    /// Unauthorised sessions within `penaltyWindowSchoolWeeks` that reach a penalty notice (001 §5.2).
    public var penaltyThresholdSessions: Int
    public var penaltyWindowSchoolWeeks: Int
    public var religiousNoticeDays: Int
    public var travellerNoticeDays: Int
    /// Sessions a traveller pupil must have attended in the previous 12 months (002).
    public var travellerMinimumSessions: Int
    /// Attendance below which lunchtime leave may be refused or withdrawn (000).
    public var lunchtimeAttendanceFloor: Double
    /// School days within which a lunchtime decision is sent in writing (000).
    public var lunchtimeDecisionSchoolDays: Int
    /// Whether an application must give a return date (004).
    public var returnDateRequired: Bool
    /// The attendance the school expects of every child (004: 96%).
    public var attendanceExpectation: Double
    /// Where the school publishes its attendance policy in full (a web address), so the
    /// headteacher can read the clauses a finding quotes in their place.
    public var policyAddress: String?
    /// How a parent asks for a review of a decision or complains, in the school's words: the
    /// last paragraph of every decision letter (issue 14). Nil says nothing.
    public var reviewProcedure: String?
    /// When a child out at lunchtime is due back, in minutes after midnight (000: pupils are in
    /// class by 12:45 or 1pm, by lunch sitting); a later signing in is flagged late.
    public var lunchtimeReturnMinutes: Int = 13 * 60

    public static let defaultNotExceptional: [String] = [
        "holiday", "cheaper-travel", "parental-work", "birthday", "wedding-abroad", "anniversary", "caring",
        "interpreting", "friendship", "head-lice", "school-refusal", "shopping", "oversleeping", "sibling-illness",
    ]

    public static let standard = PolicySettings(
        preset: "default", noticeDays: 14, preferredNoticeDays: nil, assessmentBufferSchoolDays: 5,
        authorisedAbsenceLimit: 0.10, performanceFloor: 0.95, persistentAbsenceThreshold: 0.10,
        notExceptional: defaultNotExceptional, evidenceRequired: ["exceptional", "other-exceptional", "interview"],
        escalateUnforeseenTo: nil, retentionYears: 6, penaltyNoticeAmounts: [80, 160],
        penaltyThresholdSessions: 10, penaltyWindowSchoolWeeks: 10, religiousNoticeDays: 14, travellerNoticeDays: 14,
        travellerMinimumSessions: 200, lunchtimeAttendanceFloor: 0.95, lunchtimeDecisionSchoolDays: 5,
        returnDateRequired: false, attendanceExpectation: 0.95)

    /// The bundled school policies (../shared/policies). Where a policy is silent the default stands.
    public static func preset(_ name: String) -> PolicySettings? {
        var settings = standard
        settings.preset = name
        switch name {
        case "default":
            return settings
        case "westfield":  // 000: two weeks' notice; entries kept three years.
            settings.noticeDays = 14
            settings.retentionYears = 3
        case "manor":  // 001: 15 days (four weeks where possible), trust CEO consulted, evidence always.
            settings.noticeDays = 15
            settings.preferredNoticeDays = 28
            settings.escalateUnforeseenTo = "the trust CEO"
            settings.evidenceRequired = LeaveCategory.allCases.map(\.rawValue)
            settings.retentionYears = 6
            settings.penaltyNoticeAmounts = [80, 160]
        case "kilmorie":  // 004: a return date, 96% expectation, £60/£120 penalties.
            settings.returnDateRequired = true
            settings.attendanceExpectation = 0.96
            settings.penaltyNoticeAmounts = [60, 120]
        case "banks-lane":  // 002: 200 sessions for traveller pupils, £60/£120 penalties.
            settings.travellerMinimumSessions = 200
            settings.penaltyNoticeAmounts = [60, 120]
        default:
            return nil
        }
        return settings
    }

    public static let presetNames = ["default", "westfield", "manor", "kilmorie", "banks-lane"]
}

/// One setting's value, as a case file or the admin's form gives it.
public enum PolicyValue: Hashable, Sendable {
    case number(Double)
    case text(String)
    case flag(Bool)
    case list([String])
    case null
}

extension PolicySettings {
    /// The settings a case file or the admin may change, in the order the admin's form lists them.
    public static var settingNames: [PolicySettingName] { PolicySettingName.allCases }

    public enum SettingError: Error, Equatable, CustomStringConvertible {
        case wrongType(PolicySettingName, expected: String)
        case outOfRange(PolicySettingName, String)

        public var description: String {
            switch self {
            case .wrongType(let name, let expected): "\(name.rawValue) must be \(expected)"
            case .outOfRange(let name, let range): "\(name.rawValue) must be \(range)"
            }
        }
    }

    /// Changes one setting, checking its type and range.
    public mutating func set(_ name: PolicySettingName, to value: PolicyValue) throws {
        func whole(_ range: ClosedRange<Int>) throws -> Int {
            guard case .number(let n) = value, n == n.rounded() else { throw SettingError.wrongType(name, expected: "a whole number") }
            // `Int(exactly:)` rather than `Int(_:)`, which traps on a number as large as 1e300.
            guard let whole = Int(exactly: n), range.contains(whole) else {
                throw SettingError.outOfRange(name, "from \(range.lowerBound) to \(range.upperBound)")
            }
            return whole
        }
        func fraction() throws -> Double {
            guard case .number(let n) = value else { throw SettingError.wrongType(name, expected: "a fraction from 0 to 1") }
            guard (0...1).contains(n) else { throw SettingError.outOfRange(name, "a fraction from 0 to 1, like 0.95") }
            return n
        }
        func categories() throws -> [String] {
            guard case .list(let items) = value else { throw SettingError.wrongType(name, expected: "a list of leave categories") }
            for item in items where LeaveCategory(rawValue: item) == nil {
                throw SettingError.outOfRange(name, "leave categories (unknown: '\(item)')")
            }
            return items
        }
        switch name {
        case .noticeDays: noticeDays = try whole(0...365)
        case .preferredNoticeDays: preferredNoticeDays = value == .null ? nil : try whole(0...365)
        case .assessmentBufferSchoolDays: assessmentBufferSchoolDays = try whole(0...60)
        case .authorisedAbsenceLimit: authorisedAbsenceLimit = try fraction()
        case .performanceFloor: performanceFloor = try fraction()
        case .persistentAbsenceThreshold: persistentAbsenceThreshold = try fraction()
        case .notExceptional: notExceptional = try categories()
        case .evidenceRequired: evidenceRequired = try categories()
        case .escalateUnforeseenTo:
            switch value {
            case .null: escalateUnforeseenTo = nil
            case .text(let text): escalateUnforeseenTo = text.isEmpty ? nil : text
            default: throw SettingError.wrongType(name, expected: "text or null")
            }
        case .retentionYears: retentionYears = try whole(1...100)
        case .penaltyNoticeAmounts:
            guard case .list(let items) = value, !items.isEmpty, items.allSatisfy({ Int($0) != nil }) else {
                throw SettingError.wrongType(name, expected: "a list of amounts in pounds")
            }
            penaltyNoticeAmounts = items.compactMap { Int($0) }
        case .penaltyThresholdSessions: penaltyThresholdSessions = try whole(1...1000)
        case .penaltyWindowSchoolWeeks: penaltyWindowSchoolWeeks = try whole(1...52)
        case .religiousNoticeDays: religiousNoticeDays = try whole(0...365)
        case .travellerNoticeDays: travellerNoticeDays = try whole(0...365)
        case .travellerMinimumSessions: travellerMinimumSessions = try whole(0...1000)
        case .lunchtimeAttendanceFloor: lunchtimeAttendanceFloor = try fraction()
        case .lunchtimeDecisionSchoolDays: lunchtimeDecisionSchoolDays = try whole(0...60)
        case .returnDateRequired:
            guard case .flag(let flag) = value else { throw SettingError.wrongType(name, expected: "true or false") }
            returnDateRequired = flag
        case .attendanceExpectation: attendanceExpectation = try fraction()
        case .lunchtimeReturnBy:
            guard case .text(let text) = value else { throw SettingError.wrongType(name, expected: "a time such as 1pm or 12:45") }
            // "1:15" at lunchtime means a quarter past one in the afternoon.
            guard var time = TimeOfDay(text) ?? TimeOfDay(text + "pm") else {
                throw SettingError.outOfRange(name, "a time between 11am and 3pm, such as 1pm or 12:45")
            }
            if time.hour < 4, !text.lowercased().contains("am") { time = TimeOfDay(clamping: time.minutes + 12 * 60) }
            guard time >= TimeOfDay(clamping: 11 * 60), time <= TimeOfDay(clamping: 15 * 60) else {
                throw SettingError.outOfRange(name, "a time between 11am and 3pm, such as 1pm or 12:45")
            }
            lunchtimeReturnMinutes = time.minutes
        case .reviewProcedure:
            switch value {
            case .null: reviewProcedure = nil
            case .text(let text):
                let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard words.count <= 1_000 else { throw SettingError.outOfRange(name, "1,000 characters or fewer") }
                guard !words.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw SettingError.outOfRange(name, "text without control characters")
                }
                reviewProcedure = words.isEmpty ? nil : words
            default: throw SettingError.wrongType(name, expected: "text or null")
            }
        case .policyAddress:
            switch value {
            case .null: policyAddress = nil
            case .text(let text) where text.isEmpty: policyAddress = nil
            case .text(let text):
                let lower = text.lowercased()
                guard text.count <= 500, lower.hasPrefix("https://") || lower.hasPrefix("http://"),
                      text.dropFirst(lower.hasPrefix("https://") ? 8 : 7).contains(where: { $0 != "/" }),
                      !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
                else { throw SettingError.outOfRange(name, "a web address starting https://, without spaces") }
                policyAddress = text
            default: throw SettingError.wrongType(name, expected: "a web address or null")
            }
        }
    }

    /// A setting's value, for the admin's form and the stored overrides.
    public func value(of name: PolicySettingName) -> PolicyValue {
        func n(_ x: Int) -> PolicyValue { .number(Double(x)) }
        switch name {
        case .noticeDays: return n(noticeDays)
        case .preferredNoticeDays: return preferredNoticeDays.map(n) ?? .null
        case .assessmentBufferSchoolDays: return n(assessmentBufferSchoolDays)
        case .authorisedAbsenceLimit: return .number(authorisedAbsenceLimit)
        case .performanceFloor: return .number(performanceFloor)
        case .persistentAbsenceThreshold: return .number(persistentAbsenceThreshold)
        case .notExceptional: return .list(notExceptional)
        case .evidenceRequired: return .list(evidenceRequired)
        case .escalateUnforeseenTo: return escalateUnforeseenTo.map(PolicyValue.text) ?? .null
        case .retentionYears: return n(retentionYears)
        case .penaltyNoticeAmounts: return .list(penaltyNoticeAmounts.map(String.init))
        case .penaltyThresholdSessions: return n(penaltyThresholdSessions)
        case .penaltyWindowSchoolWeeks: return n(penaltyWindowSchoolWeeks)
        case .religiousNoticeDays: return n(religiousNoticeDays)
        case .travellerNoticeDays: return n(travellerNoticeDays)
        case .travellerMinimumSessions: return n(travellerMinimumSessions)
        case .lunchtimeAttendanceFloor: return .number(lunchtimeAttendanceFloor)
        case .lunchtimeDecisionSchoolDays: return n(lunchtimeDecisionSchoolDays)
        case .returnDateRequired: return .flag(returnDateRequired)
        case .attendanceExpectation: return .number(attendanceExpectation)
        case .policyAddress: return policyAddress.map(PolicyValue.text) ?? .null
        case .reviewProcedure: return reviewProcedure.map(PolicyValue.text) ?? .null
        case .lunchtimeReturnBy: return .text(TimeOfDay(clamping: lunchtimeReturnMinutes).description)
        }
    }
}
