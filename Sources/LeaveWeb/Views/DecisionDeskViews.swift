import LeaveCore
import LeaveLetters
import LeaveServices
import LeaveStore
import Mustache

/// A meeting or consultation already kept with a request.
struct NoteView: MustacheParent {
    let title: String
    let heldOn: String
    let note: String
    let recorded: String

    init(_ note: RequestNote, clock: SchoolClock) {
        title = note.kind.title
        heldOn = note.heldOn.longForm
        self.note = note.note
        recorded = "Recorded by \(note.recordedBy) on \(clock.describe(note.recordedAt))"
    }

    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "heldOn": self.heldOn
        case "note": self.note
        case "recorded": self.recorded
        default: nil
        }
    }
}

/// The form that keeps a meeting or a consultation as its own step, with what was typed when it was not right.
struct NoteForm: MustacheParent {
    let kind: RequestNote.Kind
    let action: String
    let heldOn: DateField
    let note: TextField

    init(_ kind: RequestNote.Kind, reference: ReferenceNumber, typed: NoteAnswers?, errors: [FieldError], clock: SchoolClock) {
        self.kind = kind
        action = Paths.Decisions.note(reference, kind)
        let mine = typed?.kind == kind ? typed : nil
        let today = clock.today
        heldOn = DateField("\(kind.rawValue)HeldOn", legend: kind == .meeting ? "When did you meet?" : "When was it?",
                           hint: "For example, \(today.day) \(today.month) \(today.year)", mine?.heldOn ?? DateAnswer(), mine == nil ? [] : errors)
        note = TextField("\(kind.rawValue)Note", mine?.note ?? "", mine == nil ? [] : errors)
    }

    var title: String { kind == .meeting ? "Record the meeting with the parent" : "Record a consultation" }
    var noteLabel: String { kind == .meeting ? "Who met, and what was agreed" : "Who you consulted, and what they advised" }
    var button: String { kind == .meeting ? "Record the meeting" : "Record the consultation" }

    func child(named key: String) -> Any? {
        switch key {
        case "action": self.action
        case "heldOn": self.heldOn
        case "note": self.note
        case "title": self.title
        case "noteLabel": self.noteLabel
        case "button": self.button
        case "noteLimit": RequestNote.noteLimit
        default: nil
        }
    }
}

/// What was typed into a meeting or consultation form.
struct NoteAnswers: Sendable {
    let kind: RequestNote.Kind
    let heldOn: DateAnswer
    let note: String
}

/// The letter a decision will send, as the confirmation step shows it before anything is recorded.
struct LetterPreview: MustacheParent {
    let subject: String
    let opening: [String]
    let reason: String
    let consequences: [String]
    let signatory: String

    init(_ letter: LetterContent) {
        subject = letter.subject
        opening = letter.opening
        reason = letter.reason.joined(separator: "\n")
        consequences = letter.after + letter.closing
        signatory = "\(letter.signatory.name), \(letter.signatory.title)"
    }

    func child(named key: String) -> Any? {
        switch key {
        case "subject": self.subject
        case "opening": self.opening
        case "reason": self.reason
        case "consequences": self.consequences
        case "signatory": self.signatory
        default: nil
        }
    }
}

/// A hidden field carrying an answer from the decision form through its confirmation.
struct CarriedAnswer: MustacheParent {
    let name: String
    let value: String

    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "value": self.value
        default: nil
        }
    }

    /// Every answer of the decision form, under the names the form sends.
    static func all(_ a: DecisionAnswers, applyToLinked: Bool) -> [CarriedAnswer] {
        var fields: [(String, String)] = [
            ("outcome", a.outcome), ("reason", a.reason), ("overrideReason", a.overrideReason), ("consultation", a.consultation),
            ("grantedFrom-day", a.grantedFrom.day), ("grantedFrom-month", a.grantedFrom.month), ("grantedFrom-year", a.grantedFrom.year),
            ("grantedFromSession", a.grantedFromSession),
            ("grantedTo-day", a.grantedTo.day), ("grantedTo-month", a.grantedTo.month), ("grantedTo-year", a.grantedTo.year),
            ("grantedToSession", a.grantedToSession),
        ]
        if applyToLinked { fields.append(("applyToLinked", "yes")) }
        return fields.filter { !$0.1.isEmpty }.map { CarriedAnswer(name: $0.0, value: $0.1) }
    }
}

/// "You are about to refuse…": the decision and its letter, to confirm or change.
struct DecisionConfirmation: MustacheParent {
    let request: RequestRow
    let outcome: String
    let outcomeClass: String
    let letter: LetterPreview
    let action: String
    let carried: [CarriedAnswer]
    let linkedToo: Bool
    /// "rescind" or "change" when the confirmation is for a decision already made.
    var verb: String? = nil

    func child(named key: String) -> Any? {
        switch key {
        case "request": self.request
        case "outcome": self.outcome
        case "outcomeVerb": self.outcomeVerb
        case "outcomeClass": self.outcomeClass
        case "letter": self.letter
        case "action": self.action
        case "carried": self.carried
        case "linkedToo": self.linkedToo
        default: nil
        }
    }

    var outcomeVerb: String {
        if let verb { return verb }
        return switch DecisionOutcome(rawValue: outcomeClass) {
        case .granted: "grant"
        case .grantedInPart: "grant part of"
        case .refused, nil: "refuse"
        }
    }
}

/// The pupil beside the request: attendance this year and last, recent unauthorised absence
/// against the penalty-notice threshold, and every request of theirs and their brothers' and sisters'.
struct PupilPictureView: MustacheParent {
    struct YearRow: MustacheParent {
        let year: PupilPicture.Year

        func child(named key: String) -> Any? {
            let f = year.figures
            return switch key {
            case "label": year.label
            case "possible": f.possible
            case "present": f.attended
            case "authorised": f.authorised
            case "unauthorised": f.unauthorised
            case "rate": f.attendanceRate.map(Percent.format) ?? "No marks"
            case "persistentlyAbsent": year.persistentlyAbsent
            default: nil
            }
        }
    }

    /// A request of the pupil or a sibling; `overlaps` when its dates meet this request's.
    struct HistoryRow: TemplateRow {
        let row: RequestRow
        let overlaps: Bool

        enum Field { case overlaps, request(RequestRow.Field) }

        static func field(named name: String) -> Field? {
            name == "overlaps" ? .overlaps : RequestRow.field(named: name).map(Field.request)
        }

        func value(_ field: Field) -> RowValue {
            switch field {
            case .overlaps: .flag(overlaps)
            case .request(let field): row.value(field)
            }
        }
    }

    let pupilName: String
    let picture: PupilPicture
    let hasHistory: Bool
    /// Up to fifty rows for a large family, so rendered by a row template.
    let historyRows: String
    /// The pupil's own page, from the request page.
    let moreHref: String?
    /// Only the latest requests are listed here.
    let isShortened: Bool
    let historyHeading: String

    /// `current` is the request being decided, left out of the list; the others meeting its dates are marked.
    init(_ pupil: Pupil, current: LeaveRequest?, picture: PupilPicture, others: [RequestWithPupil], clock: SchoolClock, views: Views,
         moreHref: String? = nil, isShortened: Bool = false) {
        pupilName = pupil.forename
        self.picture = picture
        self.moreHref = moreHref
        self.isShortened = isShortened
        historyHeading = (current == nil ? "Requests for " : "Other requests for ") + pupil.forename + " and brothers and sisters"
        let history = others.filter { $0.request.id != current?.id }.map { other in
            var meets = false
            if let a = current?.application {
                let o = other.request.application
                meets = other.request.status != .withdrawn && o.start.date <= a.end.date && a.start.date <= o.end.date
                    && other.pupil.id == pupil.id
            }
            return HistoryRow(row: RequestRow(other, clock: clock), overlaps: meets)
        }
        hasHistory = !history.isEmpty
        historyRows = views.rows.history.render(history)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "pupilName": self.pupilName
        case "years": self.picture.years.map(YearRow.init)
        case "recentUnauthorised": self.picture.recentUnauthorised
        case "recentWeeks": self.picture.recentWeeks
        case "penaltyThreshold": self.picture.penaltyThreshold
        case "nearPenaltyThreshold": self.picture.nearPenaltyThreshold
        case "historyRows": self.historyRows
        case "hasHistory": self.hasHistory
        case "moreHref": orAbsent(self.moreHref)
        case "isShortened": self.isShortened
        case "historyHeading": self.historyHeading
        default: nil
        }
    }
}

/// A policy clause under a finding: whose policy, which section, and its words.
struct CitationView: MustacheParent {
    let citation: PolicyCitation

    init(_ citation: PolicyCitation) { self.citation = citation }

    func child(named key: String) -> Any? {
        switch key {
        case "policyTitle": citation.policyTitle
        case "section": citation.section
        case "quote": citation.quote
        default: nil
        }
    }
}

/// The page of every clause the rules rest on, policy by policy, each with the rules that cite it.
struct PolicySourcesContent: MustacheParent {
    struct Clause: MustacheParent {
        let citation: PolicyCitation
        let rules: [String]

        func child(named key: String) -> Any? {
            switch key {
            case "section": citation.section
            case "quote": citation.quote
            case "rules": rules.joined(separator: ", ")
            case "anchors": rules
            default: nil
            }
        }
    }

    struct Policy: MustacheParent {
        let title: String
        let clauses: [Clause]

        func child(named key: String) -> Any? {
            switch key {
            case "title": title
            case "clauses": clauses
            default: nil
            }
        }
    }

    let policies: [Policy]
    /// The school's own policy in full, where the admin has said where it is published.
    let policyAddress: String?

    init(policyAddress: String?) {
        self.policyAddress = policyAddress
        var byClause: [PolicyCitation: [String]] = [:]
        var order: [PolicyCitation] = []
        for rule in RuleID.all {
            for citation in PolicyCitations.citations(for: rule) {
                if byClause[citation] == nil { order.append(citation) }
                byClause[citation, default: []].append(rule.rawValue)
            }
        }
        policies = PolicyCitations.titles.keys.sorted().compactMap { prefix in
            let clauses = order.filter { $0.policy == prefix }.map { Clause(citation: $0, rules: byClause[$0] ?? []) }
            return clauses.isEmpty ? nil : Policy(title: PolicyCitations.titles[prefix] ?? prefix, clauses: clauses)
        }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "policies": policies
        case "policyAddress": orAbsent(policyAddress)
        default: nil
        }
    }
}

/// A decision that was later amended or rescinded, kept and shown with what replaced it.
struct EarlierDecisionView: MustacheParent {
    let decision: DecisionView
    let replacedBecause: String

    func child(named key: String) -> Any? {
        key == "replacedBecause" ? replacedBecause : decision.child(named: key)
    }
}

/// The forms that change a decision already made, with what was typed when it was not right.
struct AmendForms: MustacheParent {
    let action: String
    let outcome: ChoiceField
    let reason: TextField
    let amendReason: TextField
    let rescindReason: TextField
    let canRescind: Bool
    let open: Bool

    func child(named key: String) -> Any? {
        switch key {
        case "action": action
        case "outcome": outcome
        case "reason": reason
        case "amendReason": amendReason
        case "rescindReason": rescindReason
        case "canRescind": canRescind
        case "open": open
        default: nil
        }
    }
}
