import Foundation
import LeaveCore

/// The admin's policy form: each setting's label and meaning, its value as text, and the text
/// typed back read into a typed value by the kind the setting already has.
public enum PolicyForm {
    public static func label(_ name: PolicySettingName) -> (label: String, hint: String) {
        switch name {
        case .noticeDays: ("Notice for leave (calendar days)", "000: two weeks; 001: 15 days")
        case .preferredNoticeDays: ("Notice asked for where possible (days)", "001: four weeks. Leave empty for none")
        case .assessmentBufferSchoolDays: ("School days before statutory assessments that count as part of them", "Default 5")
        case .authorisedAbsenceLimit: ("Authorised absence limit", "A fraction: 0.10 is 10%")
        case .performanceFloor: ("Attendance floor for performance absence", "000: 0.95")
        case .persistentAbsenceThreshold: ("Persistent absence threshold", "000: 0.10 (10% of sessions missed)")
        case .notExceptional: ("Reasons that are not exceptional", "Categories, separated by commas")
        case .evidenceRequired: ("Reasons that need evidence", "Categories, separated by commas")
        case .escalateUnforeseenTo: ("Consult on unforeseen circumstances", "001: the trust CEO. Leave empty for nobody")
        case .retentionYears: ("Years records are kept", "001: 6; 000: 3")
        case .penaltyNoticeAmounts: ("Penalty notice amounts (£)", "Separated by commas, e.g. 80, 160")
        case .penaltyThresholdSessions: ("Unauthorised sessions that reach a penalty notice", "001 §5.2: 10")
        case .penaltyWindowSchoolWeeks: ("…within this many school weeks", "001 §5.2: 10")
        case .religiousNoticeDays: ("Notice for religious observance (days)", "000: 14")
        case .travellerNoticeDays: ("Notice for traveller absence (days)", "000: 14")
        case .travellerMinimumSessions: ("Sessions a traveller pupil must attend in 12 months", "002: 200")
        case .lunchtimeAttendanceFloor: ("Attendance below which lunchtime leave may be refused", "000: 0.95")
        case .lunchtimeDecisionSchoolDays: ("School days to decide lunchtime leave", "000: 5")
        case .returnDateRequired: ("A return date is required", "yes or no (004: yes)")
        case .attendanceExpectation: ("Attendance the school expects", "004: 0.96")
        case .lunchtimeReturnBy: ("When children out at lunchtime are due back", "A time, such as 1pm or 12:45. 000: in class by 12:45 or 1pm. Later is flagged late")
        case .reviewProcedure: ("How parents ask for a review or complain", "Ends every decision letter. For example: To ask for a review, write to the Chair of Governors within 20 school days; our complaints policy is on our website. Leave empty to say nothing")
        case .policyAddress: ("Where the attendance policy is published", "Its web address, for example https://www.example.sch.uk/attendance-policy.pdf. Leave empty for none")
        }
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

    static func describe(_ error: PolicySettings.SettingError) -> String {
        switch error {
        case .wrongType(_, let expected): "must be \(expected)"
        case .outOfRange(_, let range): "must be \(range)"
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
                errors.append(FieldError(field: name.rawValue, message: "\(label(name).label): \(describe(error))"))
            } catch {
                errors.append(FieldError(field: name.rawValue, message: "\(label(name).label): cannot be read"))
            }
        }
        return errors.isEmpty ? .valid(settings) : .invalid(errors)
    }
}
