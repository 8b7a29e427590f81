import Foundation
import LeaveCore

/// The admin's policy form: each setting's label and meaning, its value as text, and the text
/// typed back read into a typed value by the kind the setting already has.
public enum PolicyForm {
    /// Each setting in the school's words, with what the bundled schools' policies say, by school.
    public static func label(_ name: PolicySettingName) -> (label: String, hint: String) {
        switch name {
        case .noticeDays: ("Notice for leave (calendar days)", "Westfield: two weeks (14); Manor: 15 days")
        case .preferredNoticeDays: ("Notice asked for where possible (days)", "Manor: four weeks (28). Leave empty for none")
        case .assessmentBufferSchoolDays: ("School days before statutory assessments that count as part of them", "Usually 5")
        case .authorisedAbsenceLimit: ("Authorised absence above which leave is not granted", "A percentage of this year's sessions. Westfield: 10%")
        case .performanceFloor: ("Attendance below which performance absence is not authorised", "Westfield: 95%")
        case .persistentAbsenceThreshold: ("Absence at which a pupil is persistently absent", "The national measure: 10% of sessions missed")
        case .notExceptional: ("Reasons that are not exceptional", "Leave for these reasons is not granted. Select all that apply")
        case .evidenceRequired: ("Reasons that need evidence", "The parent is asked to send evidence with these. Select all that apply")
        case .escalateUnforeseenTo: ("Whom the headteacher consults on unforeseen circumstances", "Manor: the trust CEO. Leave empty for nobody")
        case .retentionYears: ("Years records are kept", "Manor: 6; Westfield: 3")
        case .penaltyNoticeAmounts: ("Penalty notice amounts (£)", "Paid within 21 days, then within 28, separated by a comma. Manor: 80, 160")
        case .penaltyThresholdSessions: ("Unauthorised sessions that reach a penalty notice", "Manor: 10 (5 school days)")
        case .penaltyWindowSchoolWeeks: ("…within this many school weeks", "Manor: 10")
        case .religiousNoticeDays: ("Notice for religious observance (days)", "Westfield: 14")
        case .travellerNoticeDays: ("Notice for traveller absence (days)", "Westfield: 14")
        case .travellerMinimumSessions: ("Sessions a traveller pupil must attend in 12 months", "Banks Lane: 200")
        case .lunchtimeAttendanceFloor: ("Attendance below which lunchtime leave may be refused", "Westfield: 95%")
        case .lunchtimeDecisionSchoolDays: ("School days to decide lunchtime leave", "Westfield: 5")
        case .returnDateRequired: ("Must parents give the day their child is back?", "Kilmorie asks for a return date")
        case .attendanceExpectation: ("Attendance the school expects of every child", "Kilmorie: 96%")
        case .lunchtimeReturnBy: ("When children out at lunchtime are due back", "A time, such as 1pm or 12:45. Westfield: in class by 12:45 or 1pm. A child back later is flagged late, and lunchtime letters say it")
        case .reviewProcedure: ("How parents ask for a review or complain", "Ends every decision letter. For example: To ask for a review, write to the Chair of Governors within 20 school days; our complaints policy is on our website. Leave empty to say nothing")
        case .policyAddress: ("Where the attendance policy is published", "Its web address, for example https://www.example.sch.uk/attendance-policy.pdf. Leave empty for none")
        }
    }

    /// How a setting is asked for on the form.
    public enum FieldKind: Sendable {
        case text
        /// Typed as "10%" (a fraction underneath).
        case percentage
        /// Yes or no, as two radios.
        case yesNo
        /// Leave categories, as checkboxes with their names.
        case categories
    }

    public static func kind(_ name: PolicySettingName) -> FieldKind {
        switch name {
        case .authorisedAbsenceLimit, .performanceFloor, .persistentAbsenceThreshold, .lunchtimeAttendanceFloor, .attendanceExpectation: .percentage
        case .returnDateRequired: .yesNo
        case .notExceptional, .evidenceRequired: .categories
        default: .text
        }
    }

    /// A category as the checkboxes name it: "A family holiday", "Study leave".
    public static func categoryLabel(_ category: LeaveCategory) -> String {
        category.title.prefix(1).uppercased() + category.title.dropFirst()
    }

    /// The bundled policies by the school whose policy each is.
    public static func presetTitle(_ preset: String) -> String {
        switch preset {
        case "westfield": "Westfield Infant School's policy"
        case "manor": "Manor Multi Academy Trust's policy"
        case "kilmorie": "Kilmorie Primary School's policy"
        case "banks-lane": "Banks Lane Infant & Nursery School's policy"
        default: "The portal's own settings (national guidance)"
        }
    }

    /// A setting's value as the form shows it: percentages as "10%", the rest as `text(_:)`.
    public static func shown(_ name: PolicySettingName, _ value: PolicyValue) -> String {
        if kind(name) == .percentage, case .number(let fraction) = value {
            let percent = (fraction * 1000).rounded() / 10
            return (percent == percent.rounded() ? String(Int(exactly: percent) ?? 0) : String(percent)) + "%"
        }
        return text(value)
    }

    public static func text(_ value: PolicyValue) -> String {
        switch value {
        case .number(let n): Int(exactly: n).map(String.init) ?? String(n)
        case .text(let t): t
        case .flag(let f): f ? "yes" : "no"
        case .list(let items): items.joined(separator: ", ")
        case .null: ""
        }
    }

    /// Reads a typed value by the kind the setting already has.
    static func value(_ text: String, like current: PolicyValue, name: PolicySettingName) -> PolicyValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if kind(name) == .percentage {
            // "10%" or "10" is ten per cent; "0.10", the old way of writing it, is too.
            let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed
            guard number.count <= 10, let value = Double(number), value.isFinite else { return .text(trimmed) }
            return .number(!trimmed.hasSuffix("%") && number.contains(".") && value < 1 ? value : value / 100)
        }
        if name == .escalateUnforeseenTo || name == .policyAddress || name == .reviewProcedure || name == .lunchtimeReturnBy { return trimmed.isEmpty ? .null : .text(trimmed) }
        switch current {
        case .flag:
            if ["yes", "true", "1"].contains(trimmed.lowercased()) { return .flag(true) }
            if ["no", "false", "0"].contains(trimmed.lowercased()) { return .flag(false) }
            return .text(trimmed)
        case .list:
            return .list(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        default:
            if trimmed.isEmpty && name == .preferredNoticeDays { return .null }
            return Double(trimmed).map(PolicyValue.number) ?? .text(trimmed)
        }
    }

    static func describe(_ error: PolicySettings.SettingError, _ name: PolicySettingName) -> String {
        if kind(name) == .percentage { return "must be a percentage from 0% to 100%, such as 10%" }
        switch error {
        case .wrongType(_, let expected): return "must be \(expected)"
        case .outOfRange(_, let range): return "must be \(range)"
        }
    }

    /// The settings as typed: a preset other than the current one starts from that preset's
    /// values; otherwise each field is read and checked, every error given with its label.
    public static func read(preset presetName: String, typed: (PolicySettingName) -> String,
                            current: PolicySettings) -> Validated<PolicySettings> {
        guard var settings = PolicySettings.preset(presetName) else {
            return .invalid([FieldError(field: "preset", message: "Select one of the bundled policies")])
        }
        guard presetName == current.preset else { return .valid(settings) }
        var errors: [FieldError] = []
        for name in PolicySettings.settingNames {
            do {
                try settings.set(name, to: value(typed(name), like: settings.value(of: name), name: name))
            } catch let error as PolicySettings.SettingError {
                errors.append(FieldError(field: name.rawValue, message: "\(label(name).label): \(describe(error, name))"))
            } catch {
                errors.append(FieldError(field: name.rawValue, message: "\(label(name).label): cannot be read"))
            }
        }
        return errors.isEmpty ? .valid(settings) : .invalid(errors)
    }
}
