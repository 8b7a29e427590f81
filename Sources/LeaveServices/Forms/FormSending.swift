import Foundation
import LeaveCore
import LeaveStore

/// A parent filling in one of the declared forms: answering a page, checking the answers,
/// and sending them, which makes one request per chosen child (or stops a lunchtime
/// permission). The draft lives with the caller (the web keeps it in the session).
public struct FormSending: Sendable {
    let store: any PortalStore
    let clock: SchoolClock
    let evidence: EvidenceFiles
    let texts: MailTexts

    public init(store: any PortalStore, clock: SchoolClock, evidence: EvidenceFiles, texts: MailTexts = MailTexts(publicURL: "")) {
        self.store = store
        self.clock = clock
        self.evidence = evidence
        self.texts = texts
    }

    // MARK: One page

    public enum PageOutcome: Sendable {
        /// The page again: a file was removed, or an answer needs correcting (errors not empty).
        case showAgain(FormDraft, errors: [FieldError])
        /// On to the page with this id.
        case goTo(FormDraft, pageID: String)
        /// Every page is answered: on to "Check your answers".
        case check(FormDraft)
    }

    /// Takes the answers typed on one page (and any files sent with it) into the draft and checks them.
    /// `answers` gives the values sent for an input name; `removeFile` is the id of a file to take out.
    /// `children`, where the caller has them already (read with the parent's session), saves reading them again.
    public func answer(_ page: FormPage, of form: FormDefinition, draft: FormDraft, answers: (String) -> [String],
                       files: [String: UploadedFile], removeFile: String, changing: Bool, parent: Account,
                       children known: [Pupil]? = nil) async throws -> PageOutcome {
        var draft = draft
        let before = draft
        let children = try await offeredChildren(form, parent: parent, children: known)
        for question in page.questions {
            for name in FormDraft.inputs(of: question) {
                draft.values[name] = Self.kept(answers(name), for: question, input: name, children: children)
            }
        }
        if !removeFile.isEmpty {
            // Only a file of this draft, and only for real: the record and the bytes, not just the link.
            if draft.uploads.values.contains(where: { $0.contains { $0.id == removeFile } }) {
                _ = try await evidence.remove(removeFile, parent: parent, at: clock.now)
                for key in draft.uploads.keys { draft.uploads[key]?.removeAll { $0.id == removeFile } }
            }
            return .showAgain(draft, errors: [])
        }
        var uploadErrors: [FieldError] = []
        let schools = Self.schools(of: FormSubmission(form: form, draft: draft, children: children).chosenChildren)
        // Evidence belongs to the school the form goes to, so its headteacher can open it.
        let schoolID = schools.count == 1 ? schools[0] : parent.schoolID
        for question in draft.visibleQuestions(of: page) where question.kind == .file {
            guard let file = files[question.id], !file.data.isEmpty else { continue }
            let sentBytes = try await sentSize(draft, parentID: parent.id)
            switch try await evidence.accept(file, for: question, alreadySent: sentBytes, parent: parent, schoolID: schoolID, at: clock.now) {
            case .success(let reference): draft.uploads[question.id, default: []].append(reference)
            case .failure(let error): uploadErrors.append(error)
            }
        }
        if draft.values != before.values || draft.uploads != before.uploads { draft.submissionKey = RandomToken.make() }
        let validator = FormValidator(form: form, draft: draft, today: clock.today, children: Set(children.map(\.id)))
        var errors = validator.errors(on: page)
        for error in uploadErrors where !errors.contains(where: { $0.field == error.field }) { errors.append(error) }
        if schools.count > 1, let question = page.questions.first(where: { $0.kind == .children }), !errors.contains(where: { $0.field == question.id }) {
            errors.append(FieldError(field: question.id, message: try await differentSchools(FormSubmission(form: form, draft: draft, children: children).chosenChildren)))
        }
        guard errors.isEmpty else { return .showAgain(draft, errors: errors) }
        let visible = draft.visiblePages(of: form)
        if !changing, let index = visible.firstIndex(where: { $0.id == page.id }), index + 1 < visible.count {
            return .goTo(draft, pageID: visible[index + 1].id)
        }
        // A change that opens a page not yet answered goes there before the check page: one with a
        // question still to answer, or one the parent has not seen, even if all of it is optional
        // (evidence for a reason changed to exceptional circumstances).
        let shownBefore = Set(before.visiblePages(of: form).map(\.id))
        if let unanswered = visible.first(where: { !validator.errors(on: $0).isEmpty || (changing && !shownBefore.contains($0.id)) }) {
            return .goTo(draft, pageID: unanswered.id)
        }
        return .check(draft)
    }

    /// What of the values sent for an input is kept in the draft before it is checked: one
    /// value for a question with one answer, only offered choices for one with several, and
    /// text cut a little past its limit, so the parent sees what they typed and the session
    /// stays small whatever is sent.
    static func kept(_ values: [String], for question: Question, input: String, children: [Pupil]) -> [String] {
        switch question.kind {
        case .checkboxes, .weekdays, .children:
            let offered = Set(question.choices(children: children).map(\.value))
            var seen: Set<String> = []
            let chosen = values.filter { offered.contains($0) && seen.insert($0).inserted }
            return question.kind == .children && !question.multiple ? Array(chosen.prefix(1)) : chosen
        case .date:
            return values.prefix(1).map { String($0.prefix(10)) }
        case .number, .time:
            return values.prefix(1).map { String($0.prefix(40)) }
        case .text, .textarea, .dates:
            let limit = (question.maxLength ?? FormReader.longestAnswer) + 500
            return values.prefix(1).map { String($0.prefix(limit)) }
        case .choice, .yesno, .session, .file:
            return values.prefix(1).map { String($0.prefix(100)) }
        }
    }

    func sentSize(_ draft: FormDraft, parentID: Int64) async throws -> Int {
        var total = 0
        for reference in draft.uploads.values.flatMap({ $0 }) {
            total += try await store.upload(id: reference.id, parentID: parentID)?.size ?? 0
        }
        return total
    }

    /// The schools of the chosen children, in the order first chosen.
    static func schools(of children: [Pupil]) -> [Int64] {
        var seen: [Int64] = []
        for child in children where !seen.contains(child.schoolID) { seen.append(child.schoolID) }
        return seen
    }

    /// A request goes to one school's headteacher, so brothers and sisters at two schools of the
    /// trust are asked for one school at a time; the message says who is where.
    func differentSchools(_ children: [Pupil]) async throws -> String {
        var parts: [String] = []
        for schoolID in Self.schools(of: children) {
            let name = try await store.school(id: schoolID)?.name ?? "another school"
            let names = children.filter { $0.schoolID == schoolID }.map(\.forename)
            parts.append("\(names.joined(separator: " and ")) \(names.count == 1 ? "goes" : "go") to \(name)")
        }
        return "Ask for children at different schools separately: " + parts.joined(separator: ", ")
    }

    // MARK: Check

    /// One answer on "Check your answers", with where to change it.
    public struct CheckedAnswer: Sendable {
        public let question: String
        public let answer: String
        public let pageID: String
        /// The input the change link lands on.
        public let anchor: String
    }

    public struct Summary: Sendable {
        public let answers: [CheckedAnswer]
        /// The school time the request would miss; nil for lunchtime, which misses none.
        public let timeMissed: SessionCount?
        /// What the rules would tell the parent now, before sending.
        public let notes: [String]
        public let forSiblings: Bool
    }

    public enum CheckOutcome: Sendable {
        /// A page still needs an answer: go back to it.
        case incomplete(pageID: String)
        case ready(Summary)
    }

    public func check(_ form: FormDefinition, draft: FormDraft, parent: Account, children: [Pupil]? = nil) async throws -> CheckOutcome {
        let prepared = try await prepare(form, draft: draft, parent: parent, children: children, withInputs: true)
        if let firstWithErrors = prepared.firstPageWithErrors {
            return .incomplete(pageID: firstWithErrors)
        }
        if prepared.schools.count > 1, let page = form.pages.first(where: { $0.questions.contains { $0.kind == .children } }) {
            return .incomplete(pageID: page.id)
        }
        var answers: [CheckedAnswer] = []
        for page in draft.visiblePages(of: form) {
            for question in draft.visibleQuestions(of: page) {
                let text = FormAnswerText(question: question, draft: draft, children: prepared.children).text
                answers.append(CheckedAnswer(question: question.label, answer: text.isEmpty ? "Not given" : text, pageID: page.id,
                                             anchor: question.kind == .date ? "\(question.id)-day" : question.id))
            }
        }
        var timeMissed: SessionCount?
        var notes: [String] = []
        if form.action == .stopLunchtime {
            notes = try await stopping(prepared.submission.chosenChildren, parent: parent)
        } else if let application = prepared.submission.applications()?.first, let child = prepared.submission.chosenChildren.first {
            if form.requestType != .lunchtime { timeMissed = prepared.calendar.count(from: application.start, to: application.end) }
            notes = try await RequestReview(store: store, clock: clock).preview(application, pupil: child, inputs: prepared.inputs)
                .findings.compactMap(\.parentMessage)
        }
        return .ready(Summary(answers: answers, timeMissed: timeMissed, notes: notes,
                              forSiblings: prepared.submission.chosenChildren.count > 1))
    }

    // MARK: Send

    public enum SendOutcome: Sendable {
        /// Something is missing (the draft expired or was changed elsewhere): back to the check page.
        case incomplete
        /// The requests made, one per child, the first carrying the reference the parent is shown.
        case sent([LeaveRequest])
        /// A lunchtime permission stopped: a sentence per child saying what happened.
        case stopped([String])
    }

    public func send(_ form: FormDefinition, draft: FormDraft, parent: Account, children: [Pupil]? = nil) async throws -> SendOutcome {
        let prepared = try await prepare(form, draft: draft, parent: parent, children: children)
        guard prepared.firstPageWithErrors == nil, prepared.schools.count <= 1 else { return .incomplete }
        let schoolID = prepared.schoolID
        if form.action == .stopLunchtime { return .stopped(try await stopLunchtime(prepared.submission, parent: parent)) }
        guard let applications = prepared.submission.applications() else { return .incomplete }
        let counts = applications.map { $0.type == .lunchtime ? SessionCount.none : prepared.calendar.count(from: $0.start, to: $0.end) }
        // Who decides is told too, so nothing waits unseen in the queue.
        let recipients = try await store.newRequestRecipients(schoolID: schoolID)
        let (school, deciders) = (recipients.school, recipients.deciders)
        var requests: [LeaveRequest] = []
        // References are chosen here so the parent's e-mail names them, written with the requests;
        // in the rare case one is taken, new ones are drawn.
        for attempt in 1...5 {
            let references = applications.map { _ in ReferenceNumber.random() }
            let drafts = zip(applications, references).map { application, reference in
                LeaveRequest(id: 0, reference: reference, schoolID: schoolID, parentID: parent.id, application: application,
                             sessions: 0, schoolDays: 0, status: .awaitingDecision, submittedAt: clock.now)
            }
            var messages: [MailMessage] = []
            if let school {
                messages.append(texts.requestReceived(to: parent, requests: drafts, pupils: prepared.children, school: school, dueBy: nil))
                messages += deciders.map { texts.newRequest(to: $0, requests: drafts, school: school) }
            }
            do {
                requests = try await store.submitGroup(applications, references: references, schoolID: schoolID, by: Actor(parent),
                                                       counts: counts, at: clock.now, submissionKey: draft.submissionKey, messages: messages)
                break
            } catch StoreError.duplicateReference where attempt < 5 {
                continue
            }
        }
        // The new requests, and any other undecided request of the same children (an overlap, a prior request).
        try await RequestReview(store: store, clock: clock)
            .reviewOpenRequests(ofPupils: Set(requests.map(\.application.pupilID)), schoolID: schoolID)
        return .sent(requests)
    }

    /// The parent ends a lunchtime permission: no decision is needed, the record says who and why.
    func stopLunchtime(_ submission: FormSubmission, parent: Account) async throws -> [String] {
        let detail = submission.answerRows().map { "\($0.question) \($0.answer)" }.joined(separator: "; ")
        var lines: [String] = []
        for child in submission.chosenChildren {
            let ended = try await store.stopLunchtimePermissions(pupilID: child.id, schoolID: child.schoolID, by: Actor(parent),
                                                                  at: clock.now, detail: detail)
            for request in ended {
                lines.append(request.status == .granted
                    ? "\(child.fullName)'s lunchtime permission (\(request.reference.text)) has stopped."
                    : "\(child.fullName)'s lunchtime request (\(request.reference.text)) has been withdrawn.")
            }
            if ended.isEmpty { lines.append("\(child.fullName) had no lunchtime permission to stop.") }
        }
        for schoolID in Self.schools(of: submission.chosenChildren) {
            try await RequestReview(store: store, clock: clock)
                .reviewOpenRequests(ofPupils: Set(submission.chosenChildren.filter { $0.schoolID == schoolID }.map(\.id)), schoolID: schoolID)
        }
        return lines
    }

    /// What checking and sending both work from: the parent's children, the calendar, what is still to answer and the requests.
    struct Prepared {
        let children: [Pupil]
        /// The school the form goes to (the chosen children's), and every school they are at.
        let schoolID: Int64
        let schools: [Int64]
        let calendar: SchoolCalendar
        let submission: FormSubmission
        /// What the rules read for the first chosen child (the check page's preview), when asked
        /// for and every page is answered.
        let inputs: ReviewInputs?
        /// The first page shown with an answer still to give or correct.
        let firstPageWithErrors: String?
    }

    /// The children a form offers: all of the parent's, or for stopping lunchtime, only those with
    /// a permission or a request to stop (issue 15: never "stopped" for a child who had none).
    /// `known`: the parent's children, where the caller has read them already.
    public func offeredChildren(_ form: FormDefinition, parent: Account, children known: [Pupil]? = nil) async throws -> [Pupil] {
        let children = if let known { known } else { try await store.children(ofParent: parent.id) }
        guard form.action == .stopLunchtime else { return children }
        let withLunchtime = Set(try await store.lunchtimeToStop(parentID: parent.id).map(\.application.pupilID))
        return children.filter { withLunchtime.contains($0.id) }
    }

    /// What stopping will do, child by child, said before anything is sent.
    func stopping(_ children: [Pupil], parent: Account) async throws -> [String] {
        let requests = try await store.lunchtimeToStop(parentID: parent.id)
        return children.flatMap { child in
            requests.filter { $0.application.pupilID == child.id }.map { request in
                let days = request.application.details.days.map { $0.name + "s" }.joined(separator: " and ")
                return request.status == .granted
                    ? "\(child.forename)'s permission to leave school at lunchtime\(days.isEmpty ? "" : " on \(days)") (\(request.reference.text)) ends as soon as you send this. \(child.forename) will stay in school at lunchtime."
                    : "\(child.forename)'s request to leave school at lunchtime (\(request.reference.text)) is waiting for the headteacher's decision. It will be withdrawn, and not decided."
            }
        }
    }

    /// `withInputs`: also read what the rules read for the first chosen child, with the calendar in
    /// the same visit to the database rather than reading the calendar twice.
    func prepare(_ form: FormDefinition, draft: FormDraft, parent: Account, children known: [Pupil]?,
                 withInputs: Bool = false) async throws -> Prepared {
        let children = try await offeredChildren(form, parent: parent, children: known)
        let chosen = FormSubmission(form: form, draft: draft, children: children).chosenChildren
        let schools = Self.schools(of: chosen)
        let schoolID = schools.first ?? parent.schoolID
        let validator = FormValidator(form: form, draft: draft, today: clock.today, children: Set(children.map(\.id)))
        let firstPageWithErrors = draft.visiblePages(of: form).first { !validator.errors(on: $0).isEmpty }?.id
        // Only for a form ready to check: one with a page still to answer goes back to it unread.
        var inputs: ReviewInputs?
        if withInputs, firstPageWithErrors == nil, form.action != .stopLunchtime, schools.count == 1, let first = chosen.first {
            inputs = try await store.reviewInputs(schoolID: schoolID, pupilIDs: [first.id])
        }
        let calendar = if let inputs { inputs.calendar } else { try await store.calendar(schoolID: schoolID) }
        let submission = FormSubmission(form: form, draft: draft, children: children, endOfTerm: { date in
            calendar.term(containing: date)?.end ?? calendar.terms.first { $0.start > date }?.end
        }, returnToSchool: calendar.returnToSchool(after:))
        return Prepared(children: children, schoolID: schoolID, schools: schools, calendar: calendar,
                        submission: submission, inputs: inputs, firstPageWithErrors: firstPageWithErrors)
    }
}
