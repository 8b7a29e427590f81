import Foundation
import LeaveCore
import LeaveStore

/// `--demo`'s requests: a dozen of every kind and state, so someone signing in as the headteacher
/// has a morning's queue to decide. Each is made as a parent makes it (the form's answers, checked
/// and sent by `FormSending`) and decided as a headteacher decides (`DecisionDesk`), dated from
/// today on the school's calendar, so the demo shows what the portal really does.
public struct DemoRequests: Sendable {
    let services: PortalServices

    public init(services: PortalServices) {
        self.services = services
    }

    public struct Mistake: Error, CustomStringConvertible {
        public let description: String
    }

    /// Makes the requests once: a demo database that already has requests keeps them.
    @discardableResult
    public func make() async throws -> Int {
        let store = services.store
        guard let head = try await store.account(email: "head@oakhollow.example")?.account,
              let office = try await store.account(email: "office@oakhollow.example")?.account
        else { return 0 }
        let parents = try await (1...18).asyncMap { try await store.account(email: "parent\($0)@example.com")?.account }.compactMap { $0 }
        guard parents.count == 18 else { return 0 }
        for parent in parents where try await store.requests(parentID: parent.id, pupilID: nil, offset: 0, limit: 1).total > 0 {
            return 0
        }
        let calendar = try await store.calendar(schoolID: head.schoolID)
        let today = services.clock.today
        func day(_ n: Int) -> SchoolDate { DecisionDeadline.schoolDays(n, after: today, on: calendar) }
        func date(_ id: String, _ d: SchoolDate) -> [String: [String]] {
            ["\(id)-day": [String(d.day)], "\(id)-month": [String(d.month)], "\(id)-year": [String(d.year)]]
        }

        var made = 0
        /// Sends one form for the parent's first child (or the children named by index).
        func send(_ formID: String, _ parent: Account, children: [Int] = [0], _ answers: [String: [String]]) async throws -> [RequestWithPupil] {
            guard let form = services.forms[formID] else { throw Mistake(description: "demo: no form \(formID)") }
            let kids = try await store.children(ofParent: parent.id)
            var draft = FormDraft(formID: formID)
            draft.values = answers
            draft.values["children"] = children.compactMap { $0 < kids.count ? String(kids[$0].id) : nil }
            guard case .sent(let requests) = try await services.sending.send(form, draft: draft, parent: parent) else {
                throw Mistake(description: "demo: the \(formID) form for \(parent.email) was not accepted")
            }
            made += requests.count
            var found: [RequestWithPupil] = []
            for request in requests {
                if let item = try await store.request(reference: request.reference, schoolID: request.schoolID) { found.append(item) }
            }
            return found
        }
        func leave(_ parent: Account, _ category: String, _ purpose: String, from: Int, to: Int, children: [Int] = [0]) async throws -> [RequestWithPupil] {
            var answers: [String: [String]] = ["category": [category], "purpose": [purpose], "startSession": ["AM"], "endSession": ["PM"]]
            answers.merge(date("start", day(from))) { $1 }
            answers.merge(date("end", day(to))) { $1 }
            answers.merge(date("returnDate", day(to + 1))) { $1 }
            return try await send("leave", parent, children: children, answers)
        }
        /// Decides the first request; a grant in part grants its first two school days.
        func decide(_ items: [RequestWithPupil], _ outcome: DecisionOutcome, _ reason: String) async throws {
            guard let item = items.first else { return }
            var answers = DecisionAnswers(outcome: outcome.rawValue, reason: reason)
            // Short notice is what a funeral or an illness brings; the headteacher says so when granting.
            if outcome.grants, try await services.review.current(item).findings.contains(where: { $0.severity == .refuse }) {
                answers.overrideReason = "The notice was short because of the circumstances, which could not be foreseen."
            }
            if outcome == .grantedInPart {
                let from = item.request.application.start.date
                answers.grantedFrom = DateAnswer(day: String(from.day), month: String(from.month), year: String(from.year))
                answers.grantedFromSession = "AM"
                let to = calendar.nextSchoolDay(after: from) ?? from
                answers.grantedTo = DateAnswer(day: String(to.day), month: String(to.month), year: String(to.year))
                answers.grantedToSession = "PM"
            }
            if case .invalid(let errors, _) = try await services.decisions.decide(item, answers: answers, applyToLinked: false,
                                                                                 confirmed: true, by: head) {
                throw Mistake(description: "demo: the decision on \(item.request.reference.text) was not accepted: "
                              + errors.map(\.message).joined(separator: "; "))
            }
        }

        let p = parents
        // Waiting, with each kind of advice.
        _ = try await leave(p[0], "exceptional", "Funeral of my grandmother in Belfast; we travel the day before.", from: 6, to: 7)
        _ = try await leave(p[2], "holiday", "A week with family in Portugal; flights are cheaper in term time.", from: 14, to: 18)
        _ = try await send("medical", p[4], ["time": ["10:40am"], "missed": ["AM"], "purpose": ["Hospital eye clinic follow-up"]]
            .merging(date("start", day(3))) { $1 })
        _ = try await send("lunchtime", p[5], ["days": ["Monday", "Wednesday"], "collector": ["Grandparent, Lee Fairbrook"],
                                               "purpose": ["Lunch at home with grandparents on their days off"]]
            .merging(date("from", day(2))) { $1 })
        _ = try await send("performance", p[6], ["hasLicence": ["yes"], "licenceNumber": ["CPL-2026-0412"], "authority": ["Sampleton Council"], "namesDates": ["yes"],
                                                 "licenceDates": ["\(day(10).day)/\(day(10).month)/\(day(10).year)\n\(day(11).day)/\(day(11).month)/\(day(11).year)"],
                                                 "purpose": ["Pantomime at the Civic Theatre"], "hoursPerWeek": ["10"], "hoursPerDay": ["3"],
                                                 "maxHours": ["4"]]
            .merging(date("start", day(10))) { $1 }.merging(date("end", day(11))) { $1 })
        // The admin lists the day as set apart by its religious body (000), as a school does
        // each year; asked for with the notice the policy wants, the rules advise granting.
        if let admin = try await store.account(email: "admin@oakhollow.example")?.account {
            try await services.settings.addReligiousDay(ReligiousDay(religion: "Hindu", name: "Diwali", date: day(16)), by: admin)
        }
        _ = try await send("religious", p[7], ["religion": ["Hindu"], "occasion": ["Diwali"]].merging(date("start", day(16))) { $1 })
        _ = try await send("traveller", p[9], ["occupational": ["yes"], "purpose": ["Fairground work across the north-west"]]
            .merging(date("start", day(20))) { $1 }.merging(date("end", day(29))) { $1 }.merging(date("returnDate", day(30))) { $1 })
        // Two brothers' request sent together.
        _ = try await leave(p[1], "exceptional", "Our father's wedding abroad.", from: 12, to: 13, children: [0, 1])

        // Sent back to the parent for evidence.
        let wedding = try await leave(p[10], "exceptional", "Hospital treatment for a close relative in Glasgow.", from: 16, to: 17)
        if let item = wedding.first {
            _ = try await services.decisions.askForEvidence(item, note: "Please send the hospital's letter giving the date of the treatment.", by: head)
        }

        // Decided each way.
        try await decide(try await leave(p[11], "exceptional", "Funeral of a grandparent.", from: 4, to: 4),
                         .granted, "A family funeral is an exceptional circumstance. Our condolences.")
        try await decide(try await leave(p[12], "holiday", "A family holiday.", from: 8, to: 12),
                         .refused, "A holiday is not an exceptional circumstance under the trust's policy (001 §5.1).")
        try await decide(try await leave(p[13], "exceptional", "Visiting a seriously ill relative abroad.", from: 5, to: 9),
                         .grantedInPart, "The first two days are granted for the visit; the rest is not exceptional.")
        let lunchtime = try await send("lunchtime", p[14], ["days": ["Tuesday", "Thursday"], "collector": ["Parent, Alex Whitlow"],
                                                            "purpose": ["Lunch at home"]].merging(date("from", day(1))) { $1 })
        if let item = lunchtime.first {
            _ = try await services.decisions.recordNote(.meeting, item, heldOn: DateAnswer(day: String(today.day), month: String(today.month),
                                                                                         year: String(today.year)),
                                                      note: "Met the parent; collection and return at the office agreed.", by: head)
            try await decide([item], .granted, "Agreed at our meeting, on the days asked for, until the end of term.")
        }
        let licensed = try await send("performance", p[15], ["hasLicence": ["yes"], "licenceNumber": ["CPL-2026-0399"], "authority": ["Sampleton Council"], "namesDates": ["yes"],
                                                             "licenceDates": ["\(day(7).day)/\(day(7).month)/\(day(7).year)"],
                                                             "purpose": ["Filming a television advert"], "hoursPerWeek": ["6"], "hoursPerDay": ["3"],
                                                             "maxHours": ["3"]]
            .merging(date("start", day(7))) { $1 }.merging(date("end", day(7))) { $1 })
        if let item = licensed.first { try await services.decisions.recordAuthorisedByLicence(item, by: office) }

        // Refused, then amended when the parent sent what was missing: both decisions kept.
        let reviewed = try await leave(p[17], "exceptional", "A grandparent's funeral in Cork.", from: 11, to: 12)
        try await decide(reviewed, .refused, "No date or evidence of the funeral was given.")
        if let item = reviewed.first, let decided = try await store.request(reference: item.request.reference, schoolID: item.request.schoolID) {
            var answers = DecisionAnswers(outcome: DecisionOutcome.granted.rawValue, reason: "A family funeral is an exceptional circumstance.")
            if try await services.review.current(decided).findings.contains(where: { $0.severity == .refuse }) {
                answers.overrideReason = "The notice was short because of the circumstances, which could not be foreseen."
            }
            if case .invalid(let errors, _) = try await services.decisions.amend(decided, kind: .amended, answers: answers,
                                                                                 why: "The parent sent the funeral notice with its date.",
                                                                                 confirmed: true, by: head) {
                throw Mistake(description: "demo: the amendment of \(item.request.reference.text) was not accepted: "
                              + errors.map(\.message).joined(separator: "; "))
            }
        }

        // Withdrawn by the parent.
        if let item = try await leave(p[16], "exceptional", "A family event.", from: 15, to: 15).first {
            try await services.withdrawal.withdraw(item, by: p[16])
        }
        return made
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
