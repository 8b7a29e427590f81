// Rules for medical appointments, religious observance and travellers (rules.md).

struct MedicalNotInAdvance: Rule {
    let id: RuleID = .medicalNotInAdvance
    let appliesTo: Set<RequestType> = [.medical]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.start.date <= c.submittedOn else { return nil }
        return finding(.attention, "The appointment is on \(c.request.start.date.longForm), not in advance of the request: report it as an absence instead.",
                       parent: "For an appointment today or already past, please report your child's absence to the office instead.",
                       source: "001 §4.3")
    }
}

struct MedicalLong: Rule {
    let id: RuleID = .medicalLong
    let appliesTo: Set<RequestType> = [.medical]
    func check(_ c: RuleContext) -> Finding? {
        guard c.count.sessions > 1 else { return nil }
        return finding(.attention, "The appointment takes \(c.count.sessions) sessions; more than half a day needs a very good reason.",
                       parent: "Appointments should take no more than half a day of school where possible.",
                       source: "004 (more than half a day without very good reasons)")
    }
}

struct MedicalEvidence: Rule {
    let id: RuleID = .medicalEvidence
    let appliesTo: Set<RequestType> = [.medical]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.evidence.isEmpty else { return nil }
        return finding(.attention, "No appointment card or letter is attached.",
                       parent: "Please send the appointment card or letter.", source: "004 (appointment cards)")
    }
}

struct ReligiousNotSetApart: Rule {
    let id: RuleID = .religiousNotSetApart
    let appliesTo: Set<RequestType> = [.religious]
    func check(_ c: RuleContext) -> Finding? {
        let religion = (c.request.religion ?? "").lowercased()
        let listed = Set(c.calendar.religiousDays.filter { $0.religion.lowercased() == religion }.map(\.date))
        let unlisted = c.sessions.map(\.date).filter { !listed.contains($0) }
        guard let first = unlisted.first else { return nil }
        let religionName = c.request.religion.map { " for \($0)" } ?? ""
        return finding(.attention, "\(first.longForm) is not on the school's list of days set apart for religious observance\(religionName); the school may seek the religious body's advice.",
                       source: "000 Religious observance; 001 §5.1")
    }
}

struct TravellerNotOccupational: Rule {
    let id: RuleID = .travellerNotOccupational
    let appliesTo: Set<RequestType> = [.traveller]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.occupational != true else { return nil }
        return finding(.blocked, "The travel is not for occupational purposes; traveller absence can only be authorised for occupational travel.",
                       parent: "Traveller absence can only be authorised when the family travels for work.",
                       source: "000 Traveller absence; 001 §5.1")
    }
}

struct TravellerSessions: Rule {
    let id: RuleID = .travellerMinimumSessions
    let appliesTo: Set<RequestType> = [.traveller]
    func check(_ c: RuleContext) -> Finding? {
        let attended = c.statistics.sessionsAttended(inTwelveMonthsBefore: c.input.asOf)
        guard attended < c.policy.travellerMinimumSessions else { return nil }
        return finding(.attention, "The pupil attended \(attended) sessions in the previous 12 months; a traveller pupil must attend \(c.policy.travellerMinimumSessions).",
                       source: "002 Traveller pupils (200 sessions in 12 months)")
    }
}
