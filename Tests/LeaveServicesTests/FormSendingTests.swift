import Foundation
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// The form engine without HTTP: a page's answers checked and kept, "Check your answers",
/// and sending, which makes the requests and has the rules judge them once.
@Suite("Sending a form")
struct FormSendingTests {
    /// Bryn and Cai Marrowfield's parent in the demo trust.
    static let parent = "parent2@example.com"

    static func leaveAnswers(children: [Pupil], category: String = "exceptional") -> [String: [String]] {
        [
            "children": children.map { String($0.id) }, "category": [category], "purpose": ["Funeral of a grandparent in Leeds"],
            "start-day": ["7"], "start-month": ["12"], "start-year": ["2026"], "startSession": ["AM"],
            "end-day": ["9"], "end-month": ["12"], "end-year": ["2026"], "endSession": ["PM"],
            "returnDate-day": ["10"], "returnDate-month": ["12"], "returnDate-year": ["2026"],
        ]
    }

    @Test func aPageWithAMistakeIsShownAgainWithWhatWasTyped() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let form = try h.form("leave")
        let page = try #require(form.page("dates"))
        let typed: [String: [String]] = ["start-day": ["31"], "start-month": ["2"], "start-year": ["2027"]]
        let outcome = try await h.services.sending.answer(page, of: form, draft: FormDraft(formID: "leave"), answers: { typed[$0] ?? [] },
                                                          files: [:], removeFile: "", changing: false, parent: parent)
        guard case .showAgain(let draft, let errors) = outcome else { Issue.record("expected the page again, got \(outcome)"); return }
        #expect(draft.values["start-day"] == ["31"])
        #expect(errors.first?.field == "start")
        #expect(errors.first?.message.contains("must be a real date") == true)
    }

    @Test func anAnsweredPageGoesToTheNextAndTheLastToCheck() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let form = try h.form("leave")
        let children = try await h.children(of: parent)
        let answers = Self.leaveAnswers(children: [children[0]])
        let first = try await h.services.sending.answer(try #require(form.page("children")), of: form, draft: FormDraft(formID: "leave"),
                                                        answers: { answers[$0] ?? [] }, files: [:], removeFile: "", changing: false, parent: parent)
        guard case .goTo(let draft, let next) = first else { Issue.record("expected the next page, got \(first)"); return }
        #expect(next == "reason")
        #expect(draft.values["children"] == [String(children[0].id)])
        let dates = try #require(form.page("dates"))
        let onwards = try await h.services.sending.answer(dates, of: form, draft: h.draft("leave", answers), answers: { answers[$0] ?? [] },
                                                          files: [:], removeFile: "", changing: false, parent: parent)
        guard case .goTo(_, let evidence) = onwards else { Issue.record("expected the evidence page, got \(onwards)"); return }
        // Exceptional circumstances are asked for evidence (leave.yaml); it is optional.
        #expect(evidence == "evidence")
        // Changing an answer from the check page goes back there when nothing else is missing.
        let changed = try await h.services.sending.answer(dates, of: form, draft: h.draft("leave", answers), answers: { answers[$0] ?? [] },
                                                          files: [:], removeFile: "", changing: true, parent: parent)
        guard case .check = changed else { Issue.record("expected the check page, got \(changed)"); return }
    }

    @Test func checkingAnswersGivesEachAnswerTheTimeMissedAndWhatTheRulesTellTheParent() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let children = try await h.children(of: parent)
        let outcome = try await h.services.sending.check(try h.form("leave"), draft: h.draft("leave", Self.leaveAnswers(children: [children[0]])),
                                                         parent: parent)
        guard case .ready(let summary) = outcome else { Issue.record("expected answers to check, got \(outcome)"); return }
        #expect(summary.answers.contains { $0.answer == "Funeral of a grandparent in Leeds" && $0.pageID == "reason" })
        #expect(summary.answers.contains { $0.anchor == "start-day" })
        // Monday 7 to Wednesday 9 December 2026: three school days.
        #expect(summary.timeMissed?.sessions == 6)
        #expect(!summary.forSiblings)
        // Checking writes nothing: there is no request yet and no evaluation.
        #expect(try h.count("requestEvaluation") == 0)
        #expect(try h.count("leaveRequest") == 0)
    }

    @Test func checkingAnIncompleteDraftSendsTheParentToTheFirstPageMissingAnAnswer() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let children = try await h.children(of: parent)
        var answers = Self.leaveAnswers(children: [children[0]])
        answers["purpose"] = nil
        let outcome = try await h.services.sending.check(try h.form("leave"), draft: h.draft("leave", answers), parent: parent)
        guard case .incomplete(let pageID) = outcome else { Issue.record("expected incomplete, got \(outcome)"); return }
        #expect(pageID == "reason")
        #expect(try await h.services.sending.send(try h.form("leave"), draft: h.draft("leave", answers), parent: parent).isIncomplete)
    }

    @Test func sendingForTwoChildrenMakesTwoLinkedRequestsEachJudgedOnce() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let children = try await h.children(of: parent)
        #expect(children.count == 2)
        let outcome = try await h.services.sending.send(try h.form("leave"), draft: h.draft("leave", Self.leaveAnswers(children: children)),
                                                        parent: parent)
        guard case .sent(let requests) = outcome else { Issue.record("expected requests, got \(outcome)"); return }
        #expect(requests.count == 2)
        #expect(Set(requests.map(\.application.pupilID)) == Set(children.map(\.id)))
        #expect(try await h.store.linkedRequests(to: requests[0]).count == 1)
        for request in requests {
            let stored = try #require(try await h.store.latestEvaluation(requestID: request.id, schoolID: parent.schoolID))
            #expect(stored.evaluation.sessions == 6)
        }
        // One evaluation per request (and the other child's request looked at again, once).
        #expect(try h.count("requestEvaluation") <= 4)
    }

    @Test func theSameDraftSentTwiceAtOnceMakesItsRequestsOnce() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let children = try await h.children(of: parent)
        let draft = h.draft("leave", Self.leaveAnswers(children: children))
        let form = try h.form("leave")
        let sending = h.services.sending
        async let first = sending.send(form, draft: draft, parent: parent)
        async let second = sending.send(form, draft: draft, parent: parent)
        let outcomes = try await [first, second]
        let references = outcomes.compactMap { outcome -> [ReferenceNumber]? in
            if case .sent(let requests) = outcome { return requests.map(\.reference) }
            return nil
        }
        #expect(references.count == 2)
        #expect(references[0] == references[1], "both sends lead to the same confirmation")
        #expect(try h.count("leaveRequest") == 2, "one request per child, once")
        // A new draft of the same answers is a new request.
        _ = try await sending.send(form, draft: h.draft("leave", Self.leaveAnswers(children: [children[0]])), parent: parent)
        #expect(try h.count("leaveRequest") == 3)
    }

    @Test func datesOnLinesEndedByABrowsersCRLFAreRead() throws {
        // Browsers send a textarea's line breaks as CR LF (HTML's form submission).
        #expect(FormValidator.lines("9/3/2027\r\n10/3/2027\r\n") == ["9/3/2027", "10/3/2027"])
        #expect(FormValidator.lines("9/3/2027, 10/3/2027\n11/3/2027") == ["9/3/2027", "10/3/2027", "11/3/2027"])
    }

    @Test func aParentCannotSendForAnotherFamilysChild() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let other = try await h.children(of: try await h.account("parent1@example.com"))
        let outcome = try await h.services.sending.send(try h.form("leave"), draft: h.draft("leave", Self.leaveAnswers(children: other)),
                                                        parent: parent)
        #expect(outcome.isIncomplete)
        #expect(try h.count("leaveRequest") == 0)
    }

    @Test func stoppingALunchtimePermissionSaysWhatHappenedForEachChild() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(Self.parent)
        let children = try await h.children(of: parent)
        let start: [String: [String]] = [
            "children": [String(children[0].id)], "days": ["Monday", "Wednesday"],
            "from-day": ["7"], "from-month": ["12"], "from-year": ["2026"], "collector": ["Grandparent"],
            "purpose": ["Lunch at home with family"],
        ]
        let sent = try await h.services.sending.send(try h.form("lunchtime"), draft: h.draft("lunchtime", start), parent: parent)
        guard case .sent(let made) = sent else { Issue.record("expected a lunchtime request, got \(sent)"); return }
        let sentReference = made.first?.reference.text
        let stop = h.services.forms.values.first { $0.action == .stopLunchtime }
        let form = try #require(stop)
        // Issue 15: a child with nothing to stop is not offered, so cannot be chosen.
        #expect(try await h.services.sending.offeredChildren(form, parent: parent).map(\.id) == [children[0].id])
        var answers: [String: [String]] = ["children": children.map { String($0.id) }]
        for question in form.questions where question.required != nil && answers[question.id] == nil {
            answers[question.id] = [question.choices(children: children).first?.value ?? "Moving school"]
        }
        #expect(try await h.services.sending.send(form, draft: h.draft(form.id, answers), parent: parent).isIncomplete)
        answers["children"] = [String(children[0].id)]
        let outcome = try await h.services.sending.send(form, draft: h.draft(form.id, answers), parent: parent)
        guard case .stopped(let lines) = outcome else { Issue.record("expected the permission stopped, got \(outcome)"); return }
        // Still waiting for a decision: withdrawn, and said so.
        #expect(lines == ["\(children[0].fullName)'s lunchtime request (\(try #require(sentReference))) has been withdrawn."])

    }
}

extension FormSending.SendOutcome {
    var isIncomplete: Bool {
        if case .incomplete = self { return true }
        return false
    }
}
