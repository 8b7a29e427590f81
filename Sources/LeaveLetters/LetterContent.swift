import LeaveCore

/// A letter as it will be printed: every sentence in the school's wording, filled in. The
/// HTML and the PDF are drawn from this one value, so they cannot say different things.
public struct LetterContent: Hashable, Sendable {
    public struct Fact: Hashable, Sendable {
        public let label: String
        public let value: String
    }

    public let school: School
    public let outcome: DecisionOutcome
    public let letterDate: SchoolDate
    public let reference: String
    public let parentName: String
    public let parentAddress: [String]
    public let greeting: String
    public let subject: String
    public let opening: [String]
    public let facts: [Fact]
    public let reasonHeading: String
    public let reason: [String]
    public let after: [String]
    public let closing: [String]
    public let signOff: String
    public let signatory: (name: String, title: String)
    /// The school's crest (PNG) for the letterhead, when it has one.
    public let crest: [UInt8]?

    public static func == (a: LetterContent, b: LetterContent) -> Bool {
        a.school == b.school && a.outcome == b.outcome && a.letterDate == b.letterDate && a.reference == b.reference && a.parentName == b.parentName
            && a.parentAddress == b.parentAddress && a.greeting == b.greeting && a.subject == b.subject && a.opening == b.opening
            && a.facts == b.facts && a.reasonHeading == b.reasonHeading && a.reason == b.reason && a.after == b.after
            && a.closing == b.closing && a.signOff == b.signOff && a.signatory == b.signatory && a.crest == b.crest
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(reference)
        hasher.combine(subject)
        hasher.combine(opening)
    }
}

extension DecisionLetter {
    /// Which of the school's letters this decision sends.
    public var kind: LetterKind {
        let lunchtime = request.application.type == .lunchtime
        if asksForEvidence { return .evidenceAsked }
        if amendment?.kind == .rescinded { return lunchtime ? .lunchtimeStopped : .rescinded }
        if lunchtime { return outcome == .refused ? .lunchtimeRefused : .lunchtimeGranted }
        if byLicence { return .licence }
        switch outcome {
        case .granted: return .granted
        case .grantedInPart: return .grantedInPart
        case .refused: return .refused
        }
    }

    /// The letter in the school's wording.
    public func content(_ wording: LetterWording) -> LetterContent {
        let values = placeholderValues
        let text = wording.text(kind)
        let common = wording.text(.common)
        var opening = LetterWording.fill(text.opening, values)
        var heading = text.reasonHeading
        if amendment?.kind == .amended {
            let amended = wording.text(.amended)
            opening = LetterWording.fill(amended.opening, values) + opening
            heading = amended.reasonHeading
        }
        let subjectText = text.subject
            ?? wording.text(request.application.type == .lunchtime ? .lunchtimeGranted : .granted).subject ?? ""
        return LetterContent(
            school: school, outcome: outcome, letterDate: letterDate, reference: request.reference.text, parentName: parentName,
            parentAddress: parentAddress,
            greeting: common.greeting.flatMap { LetterWording.fill($0, values) } ?? "Dear \(parentName),",
            subject: LetterWording.fill(subjectText, values) ?? subjectText,
            opening: opening, facts: facts,
            reasonHeading: heading.flatMap { LetterWording.fill($0, values) } ?? "",
            reason: reason.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
            after: LetterWording.fill(text.after, values),
            // Nothing is decided yet, so there is nothing to discuss or ask to be reviewed.
            closing: kind == .evidenceAsked ? [] : LetterWording.fill(common.closing, values),
            signOff: common.signOff.flatMap { LetterWording.fill($0, values) } ?? "", signatory: signatory, crest: crest)
    }

    /// The table of facts under the opening.
    var facts: [LetterContent.Fact] {
        let a = request.application
        let rows: [(String, String)] = a.type == .lunchtime
            ? [("Pupil", "\(pupil.fullName), \(pupil.yearGroup.name)"), ("Kind of request", a.title),
               ("Days", a.details.days.map(\.name).joined(separator: ", ")), ("From", a.start.date.longForm),
               ("Until", a.end.date.longForm), ("Collected by", a.details.collector ?? ""), ("Decision", decisionFact)]
            : [("Pupil", "\(pupil.fullName), \(pupil.yearGroup.name)"), ("Kind of request", a.title),
               ("First session", a.start.longForm), ("Last session", a.end.longForm),
               ("School time", TimeMissed.describe(sessions: request.sessions)),
               ("Back at school", TimeMissed.describeReturn(a.returnDate, end: a.end)), ("Decision", decisionFact)]
        return rows.map { LetterContent.Fact(label: $0.0, value: $0.1) }
    }

    var decisionFact: String {
        asksForEvidence ? "Not decided yet: evidence asked for" : outcome.title
    }

    /// What each placeholder of the school's wording stands for in this letter. A value left
    /// out leaves out the paragraphs that use it.
    var placeholderValues: [String: String] {
        let a = request.application
        var values: [String: String] = [
            "school": school.name, "headteacher": school.headteacherName, "parent": parentName, "pupil": pupil.fullName,
            "forename": pupil.forename, "reference": request.reference.text, "yearGroup": pupil.yearGroup.name,
            "letterDate": letterDate.longForm,
        ]
        values["reviewProcedure"] = reviewProcedure
        values["portalAddress"] = portalAddress
        if a.type == .lunchtime {
            values["days"] = a.details.days.map { $0.name + "s" }.joined(separator: " and ")
            values["from"] = a.start.date.longForm
            values["until"] = a.end.date.longForm
            values["collector"] = a.details.collector
            values["returnBy"] = lunchtimeReturnBy
        } else {
            values["period"] = a.start == a.end ? "on \(a.start.longForm)" : "from \(a.start.longForm) to \(a.end.longForm)"
            values["firstSession"] = a.start.longForm
            values["lastSession"] = a.end.longForm
            values["schoolTime"] = TimeMissed.describe(sessions: request.sessions)
            values["returnDay"] = TimeMissed.describeReturn(a.returnDate, end: a.end)
            if let code = a.registerCodeWhenGranted {
                values["code"] = code.rawValue
                values["codeMeaning"] = code.meaning.prefix(1).lowercased() + code.meaning.dropFirst()
            }
            values["refusedCode"] = refusedCode.rawValue
            values["thoseDays"] = a.start.date == a.end.date ? "that day" : "on these days"
            values["grantedPeriod"] = grantedFrom.flatMap { from in grantedTo.map { "from \(from.longForm) to \($0.longForm)" } }
                ?? "for part of that time"
            if a.type == .performance {
                let licence = a.details.licenceNumber.map { "the child performance licence \($0)" } ?? "the child performance licence"
                values["licence"] = licence + (a.details.licenceAuthority.map { " issued by \($0)" } ?? "")
            }
        }
        if let penalty { values.merge(penalty.placeholderValues) { $1 } }
        if let amendment {
            values["previousDate"] = previousDecidedOn?.longForm ?? "an earlier date"
            values["previousOutcome"] = amendment.previousOutcome.title.lowercased()
        }
        return values
    }
}
