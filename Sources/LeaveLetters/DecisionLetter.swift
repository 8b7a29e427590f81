import LeaveCore

/// Everything a decision letter says, gathered when the decision is made so the letter
/// stays as it was sent even if names, settings or the calendar change afterwards.
public struct DecisionLetter: Hashable, Sendable {
    public let school: School
    public let letterDate: SchoolDate
    public let parentName: String
    public let pupil: Pupil
    public let request: LeaveRequest
    public let outcome: DecisionOutcome
    public let reason: String
    public let decidedBy: Actor
    /// For a grant in part: the first and last sessions granted.
    public var grantedFrom: SessionPoint?
    /// A performance whose licence names its days: the licence authorises it (000), the school records it.
    public var byLicence = false
    /// Set when this letter changes an earlier decision: it says so first, and why.
    public var amendment: DecisionAmendment?
    /// The day the decision it replaces was made, in the school's time zone.
    public var previousDecidedOn: SchoolDate?
    /// The school's penalty-notice terms, for what a refusal says follows if the leave is taken
    /// (001 §5.2): the amounts per parent per child, and the threshold the school works to.
    public var penalty: PenaltyTerms?
    /// The parent's postal address, line by line, for the envelope's window (from the MIS's
    /// contact, when it gives one).
    public var parentAddress: [String] = []
    /// The first paragraph: what changed, when the letter replaces an earlier one, then the decision.
    public var openingSentences: [String] {
        guard let amendment else { return [outcomeSentence] }
        let earlier = "our letter about the decision of \(previousDecidedOn?.longForm ?? "an earlier date") (\(amendment.previousOutcome.title.lowercased()))"
        switch amendment.kind {
        case .amended:
            return ["This letter replaces \(earlier): the decision has been reviewed and changed, for the reason below.", outcomeSentence]
        case .rescinded:
            return ["I am writing to tell you that the decision in \(earlier) has been rescinded, for the reason below. The absence is no longer authorised."]
        }
    }
    public var grantedTo: SessionPoint?

    public init(school: School, letterDate: SchoolDate, parentName: String, pupil: Pupil,
                request: LeaveRequest, outcome: DecisionOutcome, reason: String, decidedBy: Actor) {
        self.school = school
        self.letterDate = letterDate
        self.parentName = parentName
        self.pupil = pupil
        self.request = request
        self.outcome = outcome
        self.reason = reason
        self.decidedBy = decidedBy
    }

    public var subject: String {
        request.application.type == .lunchtime
            ? "Request to leave school at lunchtime for \(pupil.fullName) (\(request.reference))"
            : "Request for leave of absence for \(pupil.fullName) (\(request.reference))"
    }

    public var outcomeSentence: String {
        let a = request.application
        if a.type == .lunchtime {
            let days = a.details.days.map { $0.name + "s" }.joined(separator: " and ")
            let period = "\(days.isEmpty ? "" : "on \(days) ")from \(a.start.date.longForm) until \(a.end.date.longForm)"
            return "I am writing to let you know that your request to take \(pupil.forename) off the school site at lunchtime \(period) has been \(outcome == .granted ? "granted" : "refused")."
        }
        let period = a.start == a.end ? "on \(a.start.longForm)" : "from \(a.start.longForm) to \(a.end.longForm)"
        if byLicence {
            let licence = a.details.licenceNumber.map { "the child performance licence \($0)" } ?? "the child performance licence"
            let authority = a.details.licenceAuthority.map { " issued by \($0)" } ?? ""
            return "I am writing to confirm that \(pupil.forename)'s absence \(period) is authorised by \(licence)\(authority), which names these days. It will be recorded as authorised (code \(AttendanceCode.performanceLicence.rawValue))."
        }
        switch outcome {
        case .granted:
            return "I am writing to let you know that your request for \(pupil.forename) to be absent \(period) has been granted. The absence will be recorded as authorised\(codeInWords)."
        case .grantedInPart:
            let part = grantedFrom.flatMap { from in grantedTo.map { "from \(from.longForm) to \($0.longForm)" } } ?? "for part of that time"
            return "I am writing to let you know that your request for \(pupil.forename) to be absent \(period) has been granted in part: \(pupil.forename) may be absent \(part), and that absence will be recorded as authorised\(codeInWords). The rest of the request is refused."
        case .refused:
            return "I am writing to let you know that your request for \(pupil.forename) to be absent \(period) has been refused."
        }
    }

    /// " (code J1: interview)": the register's code for the sessions granted, and what it means.
    var codeInWords: String {
        guard let code = request.application.registerCodeWhenGranted else { return "" }
        return " (code \(code.rawValue): \(code.meaning.prefix(1).lowercased() + code.meaning.dropFirst()))"
    }

    /// What follows from the decision, in the words the policies use (000 "Authorising
    /// parental absence requests"; 001 §5.2; 004: refused leave that is taken is unauthorised).
    public var consequences: [String] {
        if request.application.type == .lunchtime {
            return outcome == .granted
                ? ["Permission lasts until the end of this term; we will write at the start of each term about renewing it. It may be withdrawn, with written reasons, for example if attendance becomes a concern."]
                : []
        }
        switch outcome {
        case .granted:
            return ["We expect \(pupil.forename) back in school on \(TimeMissed.describeReturn(request.application.returnDate, end: request.application.end)). If \(pupil.forename) does not return then, please contact the school office straight away."]
        case .grantedInPart:
            return [
                "If \(pupil.forename) is absent on the days that were not granted, the absence will be recorded as unauthorised (code \(refusedCode.rawValue)), and unauthorised absence may lead to the local authority issuing a penalty notice.",
            ] + (penalty?.sentences ?? [])
        case .refused:
            return [
                "If \(pupil.forename) is absent \(request.application.start.date == request.application.end.date ? "that day" : "on these days"), the absence will be recorded as unauthorised (code \(refusedCode.rawValue)).",
                "Unauthorised absence may lead to the local authority issuing a penalty notice.",
            ] + (penalty?.sentences ?? [])
        }
    }

    /// Refused leave that is taken anyway: G for leave of absence (004, 000's code list), O otherwise.
    var refusedCode: AttendanceCode { request.application.type == .leave ? .unauthorisedHoliday : .unauthorisedOther }

    /// Who signs: the headteacher, or the deputy or the office acting for them.
    public var signatory: (name: String, title: String) {
        switch decidedBy.role {
        case .deputy: (decidedBy.name, "Deputy Headteacher, for \(school.headteacherName), Headteacher")
        case .office: (decidedBy.name, "School Office, for \(school.headteacherName), Headteacher")
        default: (school.headteacherName, "Headteacher")
        }
    }
}
