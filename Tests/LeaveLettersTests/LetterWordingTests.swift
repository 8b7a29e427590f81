import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveLetters

/// Issue 14: letters' text declared in letters/*.yaml, checked as the portal starts.
@Suite("Letters' wording")
struct LetterWordingTests {
    let fixtures = DecisionLetterTests()

    @Test func everyLetterOfTheProjectLoads() throws {
        let wording = try SchoolWording.load()
        for kind in LetterKind.allCases where kind != .common && kind != .amended {
            #expect(!wording.text(kind).opening.isEmpty, "\(kind)")
            #expect(wording.text(kind).reasonHeading != nil, "\(kind)")
        }
    }

    @Test(arguments: [
        ("subject: Hello\nopening: Hi\nreasonHeading: Why\nfooter: x\n", "letters/granted.yaml, line 4: footer: unknown key"),
        ("subject: Hello\nopening: Hi {forename\nreasonHeading: Why\n", "letters/granted.yaml, line 2: opening: a { has no matching }"),
        ("subject: Hello\nopening: Hi {grantedPeriod}\nreasonHeading: Why\n", "letters/granted.yaml, line 2: opening: unknown placeholder {grantedPeriod}"),
        ("subject: Hello\nopening: Hi\n", "letters/granted.yaml, line 1: reasonHeading: is missing"),
        ("subject: Hello\nopening: \"\"\nreasonHeading: Why\n", "letters/granted.yaml, line 2: opening: must be text, and not empty"),
        ("- a list\n", "letters/granted.yaml, line 1: file: must be a mapping"),
    ])
    func aMistakeIsNamedByFileLineAndField(_ yaml: String, _ message: String) {
        #expect {
            _ = try LetterWordingLoader.parse(yaml, kind: .granted)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    /// A school changes a sentence and the next letter says it; a paragraph whose placeholder has
    /// no value in that letter is left out.
    @Test func aSchoolsOwnSentenceIsWhatTheLetterSays() throws {
        var wording = try SchoolWording.load()
        var texts = wording.texts
        texts[.granted]?.after = ["Enjoy the time with {forename}'s family; {forename} is due back {returnDay}.",
                                  "How to complain: {reviewProcedure}"]
        wording = LetterWording(texts: texts)
        let content = fixtures.letter(outcome: .granted).content(wording)
        #expect(content.after == ["Enjoy the time with Bryn's family; Bryn is due back Tuesday 8 December 2026."])
    }

    /// 000 asks schools to say how to raise a concern; the paragraph appears once the school words it.
    @Test func theReviewProcedureEndsTheLetterOnceTheSchoolGivesIt() throws {
        var letter = fixtures.letter(outcome: .refused, kind: .holiday, category: .holiday)
        #expect(try !renderHTML(letter).contains("Chair of Governors"))
        letter.reviewProcedure = "To ask for a review, write to the Chair of Governors within 20 school days."
        let html = try renderHTML(letter)
        #expect(html.contains("<p>To ask for a review, write to the Chair of Governors within 20 school days.</p>\n<p>Yours sincerely,</p>"))
    }

    /// 000 "Leave during lunch times": a permission may be withdrawn with written reasons.
    @Test func aLunchtimePermissionWithdrawnHasItsOwnLetter() throws {
        let granted = fixtures.letter(outcome: .granted)
        var details = RequestDetails()
        details.days = [.friday]
        let application = LeaveApplication(pupilID: 4, kind: .lunchtime, purpose: "Lunch at home",
                                           start: SessionPoint(SchoolDate(iso: "2026-12-01")!, .am),
                                           end: SessionPoint(SchoolDate(iso: "2026-12-18")!, .pm),
                                           returnDate: SchoolDate(iso: "2026-12-19")!, details: details)
        let request = LeaveRequest(id: 9, reference: granted.request.reference, schoolID: 1, parentID: 2, application: application,
                                   sessions: 0, schoolDays: 0, status: .refused, submittedAt: Date(timeIntervalSince1970: 0))
        var stopped = DecisionLetter(school: granted.school, letterDate: granted.letterDate, parentName: "Mr Marrowfield",
                                     pupil: granted.pupil, request: request, outcome: .refused, reason: "Late back three times",
                                     decidedBy: granted.decidedBy)
        stopped.amendment = DecisionAmendment(kind: .rescinded, reason: "Late back three times", previousOutcome: .granted,
                                              previousDecidedAt: Date(timeIntervalSince1970: 0))
        stopped.previousDecidedOn = SchoolDate(iso: "2026-11-20")
        #expect(stopped.kind == .lunchtimeStopped)
        let html = try renderHTML(stopped)
        #expect(html.contains("the permission in our letter of Friday 20 November 2026 to take Bryn off the school site at lunchtime has been withdrawn"))
        #expect(html.contains("<h2>Why the permission was withdrawn</h2>"))
        #expect(html.contains("Request to leave school at lunchtime for Bryn Marrowfield (LP-7K3M9Q)"))
    }
}
