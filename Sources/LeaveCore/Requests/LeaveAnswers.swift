/// A parent's answers to the leave-of-absence form, as typed. Nothing here is trusted
/// until `validate` turns it into a `LeaveApplication`.
public struct LeaveAnswers: Hashable, Sendable, Codable {
    public var pupilID: String
    public var kind: String
    public var purpose: String
    public var firstDay: DateAnswer
    public var firstSession: String
    public var lastDay: DateAnswer
    public var lastSession: String
    public var returnDay: DateAnswer

    public init(pupilID: String = "", kind: String = "", purpose: String = "",
                firstDay: DateAnswer = .init(), firstSession: String = "",
                lastDay: DateAnswer = .init(), lastSession: String = "",
                returnDay: DateAnswer = .init()) {
        self.pupilID = pupilID
        self.kind = kind
        self.purpose = purpose
        self.firstDay = firstDay
        self.firstSession = firstSession
        self.lastDay = lastDay
        self.lastSession = lastSession
        self.returnDay = returnDay
    }

    public static let purposeLimit = 500
    /// Leave is asked for ahead of time, and a school year is the furthest ahead a calendar reaches.
    public static let furthestAheadDays = 366

    /// Checks every answer and returns all that is wrong at once, in the order the
    /// questions appear, so the parent can mend the whole form in one go.
    public func validate(today: SchoolDate, children: Set<Int64>) -> Validated<LeaveApplication> {
        var errors: [FieldError] = []

        let pupil = Int64(pupilID.trimmed).flatMap { children.contains($0) ? $0 : nil }
        if pupil == nil {
            errors.append(FieldError(field: "pupil", anchor: "pupil", message: "Select which child the leave is for"))
        }
        let leaveKind = LeaveKind(rawValue: kind)
        if leaveKind == nil {
            errors.append(FieldError(field: "kind", anchor: "kind", message: "Select the kind of leave"))
        }
        let reason = purpose.trimmed
        if reason.isEmpty {
            errors.append(FieldError(field: "purpose", message: "Enter what the leave is for"))
        } else if reason.count > Self.purposeLimit {
            errors.append(FieldError(field: "purpose", message: "What the leave is for must be \(Self.purposeLimit) characters or fewer"))
        }

        var first = Self.date(firstDay, field: "firstDay", named: "the first day of leave", into: &errors)
        if let day = first {
            if day < today {
                errors.append(FieldError(field: "firstDay", anchor: "firstDay-day", message: "The first day of leave must be today or in the future"))
                first = nil
            } else if today.days(until: day) > Self.furthestAheadDays {
                errors.append(FieldError(field: "firstDay", anchor: "firstDay-day", message: "The first day of leave must be within the next 12 months"))
                first = nil
            }
        }
        let startSession = Session(rawValue: firstSession)
        if startSession == nil {
            errors.append(FieldError(field: "firstSession", anchor: "firstSession", message: "Select whether the leave starts in the morning or the afternoon"))
        }

        var last = Self.date(lastDay, field: "lastDay", named: "the last day of leave", into: &errors)
        if let l = last, let f = first {
            if l < f {
                errors.append(FieldError(field: "lastDay", anchor: "lastDay-day", message: "The last day must be the same as or after the first day"))
                last = nil
            } else if f.days(until: l) > Self.furthestAheadDays {
                errors.append(FieldError(field: "lastDay", anchor: "lastDay-day", message: "The last day must be within 12 months of the first day"))
                last = nil
            }
        }
        let endSession = Session(rawValue: lastSession)
        if endSession == nil {
            errors.append(FieldError(field: "lastSession", anchor: "lastSession", message: "Select whether the leave ends after the morning or the afternoon"))
        } else if let f = first, let l = last, f == l, startSession == .pm, endSession == .am {
            errors.append(FieldError(field: "lastSession", anchor: "lastSession", message: "Leave that starts in the afternoon cannot end in the morning of the same day"))
        }

        if let back = Self.date(returnDay, field: "returnDay", named: "the date your child will be back at school", into: &errors),
           let l = last, let end = endSession {
            // Leave ending after the morning means the child can be back that afternoon.
            if end == .pm && back <= l {
                errors.append(FieldError(field: "returnDay", anchor: "returnDay-day", message: "The date your child will be back must be after the last day of leave"))
            } else if end == .am && back < l {
                errors.append(FieldError(field: "returnDay", anchor: "returnDay-day", message: "The date your child will be back must be the same as or after the last day of leave"))
            } else if errors.isEmpty, let pupil, let leaveKind, let f = first, let start = startSession {
                return .valid(LeaveApplication(
                    pupilID: pupil, kind: leaveKind, purpose: reason,
                    start: SessionPoint(f, start), end: SessionPoint(l, end), returnDate: back))
            }
        }
        return .invalid(errors)
    }

    private static func date(_ answer: DateAnswer, field: String, named: String, into errors: inout [FieldError]) -> SchoolDate? {
        switch answer.parse() {
        case .success(let date):
            return date
        case .failure(.missing):
            errors.append(FieldError(field: field, anchor: "\(field)-day", message: "Enter \(named)"))
        case .failure(.incomplete(let parts)):
            let list = parts.map(\.rawValue)
            let words = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " and " + list.last!
            errors.append(FieldError(field: field, anchor: "\(field)-\(parts[0].rawValue)",
                                     message: "\(named.capitalisedFirst) must include a \(words)"))
        case .failure(.notReal(let part)):
            errors.append(FieldError(field: field, anchor: "\(field)-\(part.rawValue)",
                                     message: "\(named.capitalisedFirst) must be a real date"))
        }
        return nil
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
