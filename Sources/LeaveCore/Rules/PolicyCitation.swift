/// One clause of a school's policy a rule rests on, as the headteacher reads it under a finding.
public struct PolicyCitation: Hashable, Sendable {
    /// "000" … "004", the policy's file prefix.
    public let policy: String
    /// The policy's title as people know it, e.g. "Westfield Infant School, Attendance Policy (2024)".
    public let policyTitle: String
    /// The section as the policy titles it, e.g. "5.1 Approval for term-time absence" or "Leave during lunch times".
    public let section: String
    /// The clause, word for word.
    public let quote: String

    public init(policy: String, policyTitle: String, section: String, quote: String) {
        self.policy = policy
        self.policyTitle = policyTitle
        self.section = section
        self.quote = quote
    }
}

/// The clauses of ../shared/policies each rule of the catalogue rests on (../shared/design/rules.md
/// names the sources; this gives their words). Every quote is copied from the policy text as it
/// stands, apart from line breaks; PolicyCitationTests holds each one to its file.
///
/// Two rules are the portal's own conventions with no clause of their own: GEN-NOT-SCHOOL-DAYS
/// (rules.md: "calendar") and GEN-OVERLAP (rules.md: "—"). They cite the nearest clause: that a
/// pupil is expected only on the days they are required at school, and that the headteacher
/// weighs every request. Thresholds the portal sets per school (95% for lunchtime leave, say) are
/// settings, not words of the policies, and no quote here claims them.
public enum PolicyCitations {
    /// The policy titles by prefix.
    public static let titles: [String: String] = [
        "000": "Westfield Infant School, Attendance Policy (2024)",
        "001": "Manor Multi Academy Trust, Attendance Policy (2024)",
        "002": "Banks Lane Infant & Nursery School, Attendance Policy (2022)",
        "003": "Working together to improve attendance (a school's parent leaflet)",
        "004": "Kilmorie Primary School, Attendance and Lateness Policy (2018)",
    ]

    /// The clauses each rule rests on, in the order rules.md gives its sources.
    public static let byRule: [RuleID: [PolicyCitation]] = [
        // Any request.
        .generalNotSchoolDays: [
            cite("000", "Attendance expectations",
                 "Pupils will be expected to attend school punctually every day they are required to be at school, for the full day."),
            cite("000", "Attendance register",
                 "When the school has planned in advance to be fully or partially closed, the code ‘#’ will be used for the relevant pupils who are absent."),
        ],
        .generalOverlap: [
            cite("000", "Authorising parental absence requests",
                 "All requests for absence will be handled by the Headteacher – the decision to grant or refuse the request will be at the sole discretion of the Headteacher, taking the best interests of the pupil and the impact on the pupil’s education into account."),
        ],
        .generalSessions: [
            cite("004", "Leave of Absence",
                 "The application for leave of absence must include a return date."),
        ],
        .generalProjected: [
            cite("004", "Monitoring Attendance and Lateness",
                 "Our expectation is that a child's attendance is 96% or above at the end of the school year."),
            cite("000", "Appendix A: Attendance Monitoring Procedures",
                 "STAGE 1: If a pupil's attendance falls between 90 and 95 %, a letter (1A) is sent home raising concerns that their attendance has fallen below the school's expected standard."),
        ],
        .generalPersistentAbsenceRisk: [
            cite("000", "Definitions: Persistent absence (PA)",
                 "Missing 10 % or more of schooling across the year for any reason"),
            cite("001", "8.4 Reducing persistent and severe absence",
                 "Persistent absence is where a pupil misses 10% or more of school, and severe absence is where a pupil misses 50% or more of school."),
        ],
        .generalMissingMarks: [
            cite("000", "Attendance register",
                 "Designated staff members will take the attendance register at the start of each school day and at the start of the afternoon session."),
        ],

        // Term-time leave of absence.
        .loaRetrospective: [
            cite("000", "Leave of absence",
                 "The school cannot grant leaves of absence retrospectively; therefore, any absences that were not approved by the school in advance will be marked as unauthorised."),
            cite("004", "Leave of Absence",
                 "Each case will be judged on its merits and the head teacher's decision is final. Once the decision not to authorise leave is taken, it cannot be authorised retrospectively."),
        ],
        .loaNotice: [
            cite("000", "Leave of absence",
                 "In order to have requests for a leave of absence considered, the school will expect parents to contact the Headteacher using a 'Leave of Absence Request Form' at least two weeks prior to the proposed start date of the leave of absence, providing the reason for the proposed absence and the dates during which the absence would be expected to occur."),
            cite("001", "5.1 Approval for term-time absence",
                 "Any request should be submitted as soon as it is anticipated and, where possible, at least 15 days before the absence, and in accordance with any leave of absence request form, accessible via the school office."),
            cite("001", "5.1 Approval for term-time absence",
                 "Any request should be submitted as soon as it is anticipated and, where possible, at least four weeks before the absence, and in accordance with any leave of absence request form, accessible via the school office."),
        ],
        .loaAssessment: [
            cite("000", "Leave of absence",
                 "Requests for leave will not be granted in the following circumstances:\n- Immediately before and during statutory assessment periods"),
            cite("001", "5.1 Approval for term-time absence",
                 "pupils due to take any statutory testing arrangements (KS2 SATS, Y1 Phonics and year 4 MTC) will not normally be granted leave of absence."),
        ],
        .loaUnauthorised: [
            cite("000", "Leave of absence",
                 "Requests for leave will not be granted in the following circumstances:\n- Immediately before and during statutory assessment periods\n- When a pupil's attendance record shows any unauthorised absence"),
        ],
        .loaAuthorisedAboveLimit: [
            cite("000", "Leave of absence",
                 "Requests for leave will not be granted in the following circumstances:\n- Immediately before and during statutory assessment periods\n- When a pupil's attendance record shows any unauthorised absence\n- Where a pupil's authorised absence record is already above 10% for any reason"),
        ],
        .loaNotExceptional: [
            cite("001", "5.1 Approval for term-time absence",
                 "As a leave of absence will only be granted in exceptional circumstances, it is unlikely a leave of absence will be granted for the purposes of a family holiday."),
            cite("001", "5.1 Approval for term-time absence: Examples of any circumstances that are NOT exceptional",
                 "Holidays taken in term time due to lower cost/parental work commitments.\n· To care for other family members\n· Birthdays\n· To interpret for other family members\n· Friendship problems\n· Head lice\n· Weddings abroad – regardless of whether it is for immediate family members*\n· Family Anniversaries\n· School refusal"),
            cite("004", "Leave of Absence",
                 "The following reasons are examples of absence that will not be authorised:\n- Persistent non-specific illness e.g. poorly/unwell\n- Absence of siblings if one child is ill\n- Oversleeping"),
            cite("004", "Leave of Absence",
                 "Child's/family birthday\n- Shopping trip\n- Family Holidays"),
        ],
        .loaProtest: [
            cite("001", "5.1 Approval for term-time absence",
                 "Leave of absence will not be granted for a pupil to take part in protest activity during school hours."),
        ],
        .loaEvidence: [
            cite("001", "5.1 Approval for term-time absence",
                 "The Headteacher will require evidence to support any request for leave of absence."),
            cite("001", "5.1 Approval for term-time absence",
                 "Out of school programmes such as music, arts or sport operating at a high standard of achievement. Documentary evidence of this event will be required."),
            cite("001", "5.1 Approval for term-time absence",
                 "Children of service personnel about to go on deployment (permission would be considered as long as the request is accompanied by a letter from the Commanding Officer)."),
            cite("004", "Illness and Medical Appointments",
                 "An appointment card or verification by the doctors/ dentist/hospital is required for medical appointments"),
        ],
        .loaHolidayAdjacent: [
            cite("001", "5.1 Approval for term-time absence",
                 "whether parent/carers have considered limiting the amount of time the child would be absent from school e.g. wrapping around school holiday"),
        ],
        .loaPriorLeave: [
            cite("001", "5.1 Approval for term-time absence",
                 "exceptional term time leave requested/taken in previous academic years for a similar purpose"),
        ],
        .loaUnforeseen: [
            cite("001", "5.1 Approval for term-time absence",
                 "Where there are exceptional and unforeseen circumstances that fall outside of the above, the Headteacher agrees to consult with the CEO prior to any authorisation being given to the parent."),
        ],
        .loaPenaltyWarning: [
            cite("001", "5.2 Sanctions: Penalty notices",
                 "Whether the national threshold for considering a penalty notice has been met (10 sessions of unauthorised absence in a rolling period of 10 school weeks)"),
            cite("001", "5.2 Sanctions: Penalty notices",
                 "If issued with a first penalty notice, the parent must pay £80 within 21 days, or £160 within 28 days."),
            cite("004", "Leave of Absence",
                 "Where leave has been granted this will be marked 'C' in the register, where a family request leave and it is not granted this will be marked as 'G'. Unauthorised holiday of 10 sessions (5 days) or more can result in the local authority issuing a fixed penalty notice."),
            cite("002", "Legal Sanctions",
                 "Education Penalty Notices may also be issued where a pupil is taken out of school for five days or more without the school's consent – such as for a term time holiday. In these cases, the fine is sent by the Council without an initial warning being issued."),
        ],
        .loaReturnDate: [
            cite("004", "Leave of Absence",
                 "The application for leave of absence must include a return date. Children who return 10 days or more after the expected date will be reported to the local authority as a 'Child Missing in Education' and may be taken off the school roll."),
        ],

        // Medical or dental appointments.
        .medicalNotInAdvance: [
            cite("001", "4.3 Planned absence",
                 "Attending a medical or dental appointment will be counted as authorised as long as the pupil’s parent notifies the school in advance of the appointment."),
        ],
        .medicalLong: [
            cite("004", "Leave of Absence",
                 "The following reasons are examples of absence that will not be authorised:\n- Persistent non-specific illness e.g. poorly/unwell\n- Absence of siblings if one child is ill\n- Oversleeping\n- Confusion over school dates\n- Medical/dental appointments of more than half a day without very good reasons"),
            cite("004", "Illness and Medical Appointments",
                 "If it is necessary for a child to be out of school for this reason, the child should be returned to school directly after the appointment."),
        ],
        .medicalEvidence: [
            cite("004", "Illness and Medical Appointments",
                 "An appointment card or verification by the doctors/ dentist/hospital is required for medical appointments"),
        ],

        // Religious observance.
        .religiousNotice: [
            cite("000", "Religious observance",
                 "Parents will be expected to request absence for religious observance at least two weeks in advance."),
        ],
        .religiousNotSetApart: [
            cite("000", "Religious observance",
                 "The school will only accept requests from parents for absence on grounds of religious observance for days that are exclusively set apart for religious observance by the relevant religious body."),
            cite("000", "Religious observance",
                 "The school may seek advice from the religious body in question where there is doubt over the request."),
            cite("001", "5.1 Approval for term-time absence",
                 "Religious observance – where the day is exclusively set apart for religious observance by the religious body to which the pupil’s parent(s) belong(s). If necessary, the school will seek advice from the parent’s religious body to confirm whether the day is set apart"),
        ],

        // Traveller absence.
        .travellerNotOccupational: [
            cite("000", "Gypsy, Roma and Traveller absence",
                 "Absences will not be granted for pupils from these communities under this code for reasons other than travel for occupational purposes."),
            cite("001", "5.1 Approval for term-time absence",
                 "Absence may be authorised only when a traveller family is known to be travelling for occupational purposes and has agreed this with the school, but it is not known whether the pupil is attending educational provision."),
        ],
        .travellerNotice: [
            cite("000", "Gypsy, Roma and Traveller absence",
                 "Where a pupil's parent belongs to a community covered by this code and is travelling for occupational purposes, the parent will be expected to request a leave of absence for their child at least two weeks in advance."),
        ],
        .travellerMinimumSessions: [
            cite("002", "Authorised absence from school",
                 "When traveller families are known to be travelling for occupational purposes and have agreed this with school, but it is not known whether the pupil is attending another school. In order to fulfil legal requirements, in such cases, pupils must attend school for at least 200 sessions in every 12 months."),
        ],

        // Performances under a child performance licence.
        .performanceNoLicence: [
            cite("000", "Performances and activities, including paid work",
                 "Where a licence has not been obtained, the Headteacher will not authorise any absence for a performance or activity."),
        ],
        .performanceLicenceDated: [
            cite("000", "Performances and activities, including paid work",
                 "Where a licence has been granted by the LA and it specifies dates of absence, no further authorisation will be needed from the school."),
        ],
        .performanceLicenceUndated: [
            cite("000", "Performances and activities, including paid work",
                 "Where an application does not specify dates, and it has been approved by the LA, it is at the discretion of the Headteacher to authorise the leave of absence for each day."),
        ],
        .performanceAttendanceFloor: [
            cite("000", "Performances and activities, including paid work",
                 "The Headteacher will not authorise any absences which would mean that a pupil's attendance would fall below 95%."),
        ],
        .performanceEducation: [
            cite("000", "Performances and activities, including paid work",
                 "This requirement will be met by ensuring a pupil receives an education:\n- For not less than six hours a week; and\n- During each complete period of four weeks (or if there is a period of less than four weeks, then during that period), for periods of time not less than three hours a day; and"),
            cite("000", "Performances and activities, including paid work",
                 "On days where the pupil would be required to attend school if they were attending a school maintained by the LA; and\n- For not more than five hours on any such day."),
        ],

        // Lunchtime leave.
        .lunchtimeDecideBy: [
            cite("000", "Leave during lunch times",
                 "The Headteacher reserves the right to grant or refuse a request and will inform the parent in writing of their decision within 5 school days of the request."),
        ],
        .lunchtimeMeeting: [
            cite("000", "Leave during lunch times",
                 "The Headteacher will consider the request and will invite the parent into the school for a discussion regarding any concerns, as well as the timely return of their child at the end of lunch time and their child's behaviour when not on the school premises."),
        ],
        .lunchtimeAttendance: [
            cite("000", "Leave during lunch times",
                 "The Headteacher reserves the right to withdraw their permission at any time – this may occur, for example, where there are attendance concerns."),
        ],
        .lunchtimeTerm: [
            cite("000", "Leave during lunch times",
                 "Permission will be updated on a termly basis – letters will be sent to parents at the beginning of each term to confirm whether they would like their request to continue."),
        ],
    ]

    public static func citations(for rule: RuleID) -> [PolicyCitation] { byRule[rule] ?? [] }

    /// A citation of policy `policy` under its title; an unknown prefix keeps the prefix as its
    /// title, which the tests catch.
    private static func cite(_ policy: String, _ section: String, _ quote: String) -> PolicyCitation {
        PolicyCitation(policy: policy, policyTitle: titles[policy] ?? policy, section: section, quote: quote)
    }
}
