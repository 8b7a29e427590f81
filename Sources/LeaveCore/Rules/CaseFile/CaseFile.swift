#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the what-if case of `leave-portal evaluate` (../shared/design/evaluate.md) into the
/// engine's input, refusing anything it does not understand with a one-line message.
public enum CaseFile {
    public static func read(_ data: Data) throws -> EvaluationInput {
        let root = try JSONObject(try JSONValue.parse(data), path: "", allowed: ["asOf", "policy", "calendar", "pupil", "request"])
        let asOf = try root.date("asOf")
        let policy = try readPolicy(root.fields["policy"])
        let calendar = try readCalendar(root.fields["calendar"])
        let pupil = try JSONObject(root.fields["pupil"], path: "pupil", allowed: ["yearGroup", "attendance", "previousRequests"])
        // `Int(exactly:)`: a fraction or a number too large for Int (1e300) is refused like any other.
        guard let yearNumber = try pupil.number("yearGroup"), let whole = Int(exactly: yearNumber),
              let yearGroup = YearGroup(whole) else {
            throw CaseFileError("pupil.yearGroup must be a whole number from 0 (Reception) to 13")
        }
        let history = try readAttendance(pupil)
        let previous = try pupil.array("previousRequests").enumerated().map { index, value in
            try readPrevious(value, path: "pupil.previousRequests[\(index)]")
        }
        let request = try readRequest(root.fields["request"])
        return EvaluationInput(asOf: asOf, policy: policy, calendar: calendar, yearGroup: yearGroup,
                               history: history, previousRequests: previous, request: request)
    }

    static func readPolicy(_ value: JSONValue?) throws -> PolicySettings {
        guard let value, value != .null else { return .standard }
        guard case .object(let fields) = value else { throw CaseFileError("policy must be an object") }
        let presetName: String
        switch fields["preset"] {
        case nil: presetName = "default"
        case .string(let name)?: presetName = name
        default: throw CaseFileError("policy.preset must be text")
        }
        guard var settings = PolicySettings.preset(presetName) else {
            throw CaseFileError("policy.preset: unknown preset '\(presetName)' (one of \(PolicySettings.presetNames.joined(separator: ", ")))")
        }
        for (key, field) in fields.sorted(by: { $0.key < $1.key }) where key != "preset" {
            guard let name = PolicySettingName(rawValue: key) else { throw CaseFileError("unknown field 'policy.\(key)'") }
            let policyValue: PolicyValue
            switch field {
            case .null: policyValue = .null
            case .bool(let b): policyValue = .flag(b)
            case .number(let n): policyValue = .number(n)
            case .string(let s): policyValue = .text(s)
            case .array(let items):
                policyValue = .list(try items.map {
                    switch $0 {
                    case .string(let s): return s
                    // Too large for Int (1e300): passed on as written, so the setting refuses it as it
                    // would an amount too large typed as text, rather than trapping here.
                    case .number(let n) where n == n.rounded(): return Int(exactly: n).map(String.init) ?? String(n)
                    default: throw CaseFileError("policy.\(key) must be a list of text or whole numbers")
                    }
                })
            case .object: throw CaseFileError("policy.\(key) cannot be an object")
            }
            do {
                try settings.set(name, to: policyValue)
            } catch let error as PolicySettings.SettingError {
                throw CaseFileError("policy.\(error)")
            }
        }
        return settings
    }

    static func readCalendar(_ value: JSONValue?) throws -> SchoolCalendar {
        let calendar = try JSONObject(value, path: "calendar", allowed: ["terms", "closures", "assessments", "religiousDays"])
        let terms = try calendar.array("terms").enumerated().map { index, value -> Term in
            let term = try JSONObject(value, path: "calendar.terms[\(index)]", allowed: ["name", "start", "end"])
            let start = try term.date("start"), end = try term.date("end")
            guard start <= end else { throw CaseFileError("\(term.name("end")) (\(end.iso)) is before \(term.name("start")) (\(start.iso))") }
            return Term(name: try term.string("name") ?? "Term \(index + 1)", start: start, end: end)
        }
        let closures = try calendar.array("closures").enumerated().map { index, value -> Closure in
            let path = "calendar.closures[\(index)]"
            if case .string(let text) = value {
                guard let date = SchoolDate(iso: text) else { throw CaseFileError("\(path): '\(text)' is not a real date (YYYY-MM-DD)") }
                return Closure(date: date, kind: .other, name: "Closure")
            }
            let closure = try JSONObject(value, path: path, allowed: ["date", "name", "kind"])
            let kind = try closure.string("kind").map { text -> Closure.Kind in
                guard let kind = Closure.Kind(rawValue: text) else { throw CaseFileError("\(closure.name("kind")): unknown kind '\(text)'") }
                return kind
            } ?? .other
            return Closure(date: try closure.date("date"), kind: kind, name: try closure.string("name") ?? "Closure")
        }
        let assessments = try calendar.array("assessments").enumerated().map { index, value -> AssessmentPeriod in
            let period = try JSONObject(value, path: "calendar.assessments[\(index)]", allowed: ["name", "yearGroups", "start", "end"])
            let start = try period.date("start"), end = try period.date("end")
            guard start <= end else { throw CaseFileError("\(period.name("end")) (\(end.iso)) is before \(period.name("start")) (\(start.iso))") }
            let years = try period.array("yearGroups").map { value -> Int in
                guard case .number(let n) = value, let whole = Int(exactly: n) else {
                    throw CaseFileError("\(period.name("yearGroups")) must be whole numbers")
                }
                return whole
            }
            return AssessmentPeriod(name: try period.string("name") ?? "Assessment", yearGroups: years, start: start, end: end)
        }
        let religious = try calendar.array("religiousDays").enumerated().map { index, value -> ReligiousDay in
            let day = try JSONObject(value, path: "calendar.religiousDays[\(index)]", allowed: ["religion", "name", "date"])
            return ReligiousDay(religion: try day.string("religion") ?? "", name: try day.string("name") ?? "", date: try day.date("date"))
        }
        return SchoolCalendar(terms: terms, closures: closures, assessments: assessments, religiousDays: religious)
    }

    static func readAttendance(_ pupil: JSONObject) throws -> AttendanceHistory {
        var marks: [SessionMark] = []
        for (index, value) in try pupil.array("attendance").enumerated() {
            let day = try JSONObject(value, path: "pupil.attendance[\(index)]", allowed: ["date", "am", "pm"])
            let date = try day.date("date")
            for (key, session) in [("am", Session.am), ("pm", Session.pm)] {
                guard let text = try day.string(key), !text.isEmpty, text != "-" else { continue }
                guard let code = AttendanceCode(register: text) else {
                    throw CaseFileError("\(day.name(key)): unknown attendance code '\(text)'")
                }
                marks.append(SessionMark(date, session, code))
            }
        }
        return AttendanceHistory(marks)
    }

    static func readPrevious(_ value: JSONValue, path: String) throws -> PreviousRequest {
        let previous = try JSONObject(value, path: path, allowed: ["type", "category", "start", "end", "outcome"])
        let type = try requestType(previous)
        let start = try previous.date("start"), end = try previous.date("end")
        guard start <= end else { throw CaseFileError("\(previous.name("end")) (\(end.iso)) is before \(previous.name("start")) (\(start.iso))") }
        let outcomeText = try previous.string("outcome") ?? "pending"
        guard let outcome = PreviousOutcome(rawValue: outcomeText) else {
            throw CaseFileError("\(previous.name("outcome")): unknown outcome '\(outcomeText)'")
        }
        return PreviousRequest(type: type, category: try category(previous), start: start, end: end, outcome: outcome)
    }

    static func requestType(_ object: JSONObject) throws -> RequestType {
        guard let text = try object.string("type") else { throw CaseFileError("\(object.name("type")) is missing") }
        guard let type = RequestType(rawValue: text) else {
            throw CaseFileError("\(object.name("type")): unknown type '\(text)' (one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return type
    }

    static func category(_ object: JSONObject) throws -> LeaveCategory? {
        guard let text = try object.string("category") else { return nil }
        guard let category = LeaveCategory(rawValue: text) else { throw CaseFileError("\(object.name("category")): unknown category '\(text)'") }
        return category
    }

    static func session(_ object: JSONObject, _ key: String, default value: Session) throws -> Session {
        guard let text = try object.string(key) else { return value }
        guard let session = Session(rawValue: text.uppercased()) else { throw CaseFileError("\(object.name(key)) must be AM or PM, not '\(text)'") }
        return session
    }

    static func readRequest(_ value: JSONValue?) throws -> RequestUnderReview {
        let r = try JSONObject(value, path: "request", allowed: [
            "type", "category", "purpose", "start", "startSession", "end", "endSession", "returnDate", "evidence",
            "licence", "occupational", "religion", "days", "from", "until", "meetingHeld", "submittedOn",
        ])
        let type = try requestType(r)
        let category = try category(r)
        if type == .leave && category == nil { throw CaseFileError("request.category is missing (a leave request needs one)") }
        let (startKey, endKey) = type == .lunchtime && !r.has("start") ? ("from", "until") : ("start", "end")
        let startDate = try r.date(startKey)
        let endDate = try r.optionalDate(endKey) ?? startDate
        let start = SessionPoint(startDate, try session(r, "startSession", default: .am))
        let end = SessionPoint(endDate, try session(r, "endSession", default: .pm))
        guard startDate <= endDate else {
            throw CaseFileError("request.\(endKey) (\(endDate.iso)) is before request.\(startKey) (\(startDate.iso))")
        }
        guard start <= end else { throw CaseFileError("request.endSession is before request.startSession on the same day") }
        let returnDate = try r.optionalDate("returnDate")
        if let returnDate, returnDate < endDate { throw CaseFileError("request.returnDate (\(returnDate.iso)) is before request.\(endKey) (\(endDate.iso))") }
        let evidence = try r.array("evidence").map { value -> String in
            guard case .string(let text) = value else { throw CaseFileError("request.evidence must be a list of file names") }
            return text
        }
        let days = try r.array("days").map { value -> Weekday in
            guard case .string(let text) = value, let day = Weekday.allCases.first(where: { $0.name.lowercased() == text.lowercased() || $0.name.prefix(3).lowercased() == text.lowercased() }) else {
                throw CaseFileError("request.days must be weekday names, like \"Monday\"")
            }
            return day
        }
        return RequestUnderReview(
            type: type, category: category, purpose: try r.string("purpose") ?? "", start: start, end: end,
            returnDate: returnDate, evidence: evidence, licence: try readLicence(r.fields["licence"]),
            occupational: try r.bool("occupational"), religion: try r.string("religion"), lunchtimeDays: days,
            meetingHeld: try r.bool("meetingHeld") ?? false, submittedOn: try r.optionalDate("submittedOn"))
    }

    static func readLicence(_ value: JSONValue?) throws -> PerformanceLicence? {
        guard let value, value != .null else { return nil }
        let licence = try JSONObject(value, path: "request.licence", allowed: ["number", "authority", "dates", "education"])
        var dates: [SchoolDate]?
        if licence.has("dates") {
            dates = try licence.array("dates").enumerated().map { index, value in
                guard case .string(let text) = value, let date = SchoolDate(iso: text) else {
                    throw CaseFileError("request.licence.dates[\(index)] is not a real date (YYYY-MM-DD)")
                }
                return date
            }
        }
        var education: EducationArrangements?
        if licence.has("education") {
            let e = try JSONObject(licence.fields["education"], path: "request.licence.education",
                                   allowed: ["hoursPerWeek", "hoursPerDay", "maxHoursOnADay"])
            let perDay = try e.array("hoursPerDay").map { value -> Double in
                guard case .number(let n) = value else { throw CaseFileError("request.licence.education.hoursPerDay must be numbers") }
                return n
            }
            education = EducationArrangements(hoursPerWeek: try e.number("hoursPerWeek"), hoursPerDay: perDay,
                                              maxHoursOnADay: try e.number("maxHoursOnADay"))
        }
        return PerformanceLicence(number: try licence.string("number") ?? "", authority: try licence.string("authority") ?? "",
                                  dates: dates, education: education)
    }
}
