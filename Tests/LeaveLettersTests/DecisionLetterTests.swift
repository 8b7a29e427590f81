import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveLetters

@Suite("Decision letters")
struct DecisionLetterTests {
    let school = School(id: 1, trustID: 1, name: "Oakhollow Primary School", addressLines: ["1 Example Lane", "Sampleton"],
                        telephone: "01632 960001", email: "office@oakhollow.example", headteacherName: "Dr R. Quintrell")
    let pupil = Pupil(id: 4, schoolID: 1, forename: "Bryn", surname: "Marrowfield", yearGroup: YearGroup(3)!)

    func letter(outcome: DecisionOutcome, reason: String = "Granted.", by role: Role = .headteacher, kind: LeaveKind = .medical,
                category: LeaveCategory? = nil) -> DecisionLetter {
        let application = LeaveApplication(pupilID: 4, kind: kind, purpose: "Hospital <appointment>",
                                           start: SessionPoint(SchoolDate(iso: "2026-12-07")!, .pm),
                                           end: SessionPoint(SchoolDate(iso: "2026-12-07")!, .pm),
                                           returnDate: SchoolDate(iso: "2026-12-08")!, category: category)
        let request = LeaveRequest(id: 9, reference: ReferenceNumber("LP-7K3M9Q")!, schoolID: 1, parentID: 2,
                                   application: application, sessions: 1, schoolDays: 1, status: .awaitingDecision,
                                   submittedAt: Date(timeIntervalSince1970: 0))
        return DecisionLetter(school: school, letterDate: SchoolDate(iso: "2026-11-23")!, parentName: "Mr Marrowfield",
                              pupil: pupil, request: request, outcome: outcome, reason: reason,
                              decidedBy: Actor(accountID: 3, name: role == .deputy ? "Mr S. Ashcombe" : "Dr R. Quintrell", role: role))
    }

    /// 001 Appendix 1: a granted medical appointment is recorded M.
    @Test func aGrantedAppointmentNamesItsRegisterCode() throws {
        let html = try renderHTML(letter(outcome: .granted))
        #expect(html.contains("has been granted. The absence will be recorded as authorised (code M: medical or dental appointment)."))
        #expect(html.contains("Monday 7 December 2026 (afternoon)"))
        #expect(html.contains("<td>½ a school day (1 session)</td>"))
        #expect(html.contains("Dr R. Quintrell<br>Headteacher"))
    }

    /// Issue 14: one source for the code of every kind granted (001 Appendix 1; 000's code list;
    /// rules.md): an interview is J1, study leave S, a part-time timetable C2 — not folded into C.
    @Test(arguments: [
        (LeaveKind.exceptional, LeaveCategory.interview, "J1: interview"), (.exceptional, .studyLeave, "S: study leave"),
        (.exceptional, .partTimeTimetable, "C2: part-time timetable"), (.exceptional, .exceptional, "C: leave of absence"),
        (.holiday, .holiday, "C: leave of absence"), (.medical, nil, "M: medical"), (.religious, nil, "R: religious"),
        (.traveller, nil, "T: parent travelling"), (.performance, nil, "C1: leave for a regulated performance"),
    ] as [(LeaveKind, LeaveCategory?, String)])
    func everyKindGrantedNamesTheCodeTheRulesGive(_ kind: LeaveKind, _ category: LeaveCategory?, _ words: String) throws {
        let granted = letter(outcome: .granted, kind: kind, category: category)
        #expect(try renderHTML(granted).contains("recorded as authorised (code \(words)"))
        let type = granted.request.application.type
        #expect(granted.request.application.registerCodeWhenGranted == Evaluator.registerCode(type: type, category: category))
        #expect(try renderHTML(letter(outcome: .grantedInPart, kind: kind, category: category)).contains("(code \(words)"))
    }

    /// 004: refused leave that is taken is recorded unauthorised (G), and may bring a penalty notice (001 §5.2).
    @Test func aRefusalSaysWhatHappensIfTheLeaveIsTakenAnyway() throws {
        let html = try renderHTML(letter(outcome: .refused, reason: "Not exceptional", kind: .exceptional))
        #expect(html.contains("to be absent on Monday 7 December 2026 (afternoon) has been refused"))
        #expect(html.contains("If Bryn is absent that day, the absence will be recorded as unauthorised (code G)."))
        #expect(html.contains("penalty notice"))
    }

    /// Issue 14 / 001 §5.2: a refusal states the penalty-notice terms of the school's settings.
    @Test func aRefusalStatesThePenaltyTermsOfTheSchoolsPolicy() throws {
        var refused = letter(outcome: .refused, reason: "Not exceptional", kind: .holiday, category: .holiday)
        refused.penalty = PenaltyTerms(amounts: [80, 160], thresholdSessions: 10, windowSchoolWeeks: 10)
        let html = try renderHTML(refused)
        #expect(html.contains("10 sessions (5 school days) of unauthorised absence within 10 school weeks"))
        #expect(html.contains("£80 for each parent, for each child, if paid within 21 days, or £160 if paid within 28 days."))
        #expect(html.contains("A second notice for the same child is £160"))
        #expect(html.contains("A third is not issued within three years of the first"))
        refused.penalty = PenaltyTerms(amounts: [60, 120], thresholdSessions: 9, windowSchoolWeeks: 10)
        #expect(try renderHTML(refused).contains("9 sessions (4½ school days)"))
        #expect(try renderHTML(refused).contains("£60 for each parent"))
        #expect(try !renderHTML(letter(outcome: .granted)).contains("penalty notice"))
    }

    /// 000's code list: G is an unauthorised holiday; any other refused absence taken is O.
    @Test func aRefusedAppointmentTakenAnywayIsUnauthorisedOtherNotHoliday() throws {
        let html = try renderHTML(letter(outcome: .refused, reason: "Please book after school"))
        #expect(html.contains("recorded as unauthorised (code O)"))
        #expect(!html.contains("code G"))
    }

    /// 000 "Performances and activities": the licence authorises; the office records it for the headteacher.
    @Test func aLicenceAuthorisationIsSaidSoAndSignedForTheHeadteacher() throws {
        var licensed = letter(outcome: .granted, reason: "Authorised by the licence.", by: .office, kind: .performance)
        licensed.byLicence = true
        let html = try renderHTML(licensed)
        #expect(html.contains("is authorised by the child performance licence, which names these days. It will be recorded as authorised (code C1)."))
        #expect(html.contains("School Office, for Dr R. Quintrell, Headteacher"))
    }

    @Test func everythingTypedIsEscapedAndEachLineOfTheReasonKept() throws {
        let html = try renderHTML(letter(outcome: .granted, reason: "Line one <script>\nLine two & more"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("Line one &lt;script&gt;</p>"))
        #expect(html.contains("Line two &amp; more</p>"))
    }

    @Test func aDeputySignsForTheHeadteacher() throws {
        let html = try renderHTML(letter(outcome: .granted, by: .deputy))
        #expect(html.contains("Mr S. Ashcombe<br>Deputy Headteacher, for Dr R. Quintrell, Headteacher"))
    }
}

@Suite("Lunchtime letters")
struct LunchtimeLetterTests {
    /// 000 "Leave during lunch times": the decision in writing, lasting to the end of term.
    @Test func aLunchtimePermissionLetterNamesTheDaysAndWhoCollects() throws {
        let school = School(id: 1, trustID: 1, name: "Oakhollow Primary School", addressLines: ["1 Example Lane"],
                            telephone: "01632 960001", email: "office@oakhollow.example", headteacherName: "Dr R. Quintrell")
        let pupil = Pupil(id: 4, schoolID: 1, forename: "Bryn", surname: "Marrowfield", yearGroup: YearGroup(3)!)
        var details = RequestDetails()
        details.days = [.tuesday, .thursday]
        details.collector = "Sam Marrowfield"
        let application = LeaveApplication(pupilID: 4, kind: .lunchtime, purpose: "Lunch at home",
                                           start: SessionPoint(SchoolDate(iso: "2026-12-01")!, .am),
                                           end: SessionPoint(SchoolDate(iso: "2026-12-18")!, .pm),
                                           returnDate: SchoolDate(iso: "2026-12-19")!, details: details)
        let request = LeaveRequest(id: 9, reference: ReferenceNumber("LP-7K3M9Q")!, schoolID: 1, parentID: 2, application: application,
                                   sessions: 0, schoolDays: 0, status: .awaitingDecision, submittedAt: Date(timeIntervalSince1970: 0))
        let html = try renderHTML(DecisionLetter(school: school, letterDate: SchoolDate(iso: "2026-11-30")!, parentName: "Mr Marrowfield",
                                                    pupil: pupil, request: request, outcome: .granted, reason: "Agreed at our meeting",
                                                    decidedBy: Actor(accountID: 3, name: "Dr R. Quintrell", role: .headteacher)))
        #expect(html.contains("off the school site at lunchtime on Tuesdays and Thursdays from Tuesday 1 December 2026 until Friday 18 December 2026 has been granted"))
        #expect(html.contains("<td>Sam Marrowfield</td>"))
        #expect(html.contains("Permission lasts until the end of this term"))
        #expect(!html.contains("Back at school"))
    }
}
