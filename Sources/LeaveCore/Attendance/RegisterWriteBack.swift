import Foundation

/// What the school's register (its MIS) should take from the decisions: the code for every
/// granted session, and the code a refused leave takes if the pupil is absent anyway
/// (000's code list; 004: refused leave that is taken is G; 001 Appendix 1). Lunchtime
/// permission is not an absence and writes nothing.
public enum RegisterWriteBack {
    /// A decided request as the write-back reads it.
    public struct DecidedLeave: Sendable {
        public let upn: String
        public let request: LeaveRequest
        public let outcome: DecisionOutcome
        public let grantedFrom: SessionPoint?
        public let grantedTo: SessionPoint?

        public init(upn: String, request: LeaveRequest, outcome: DecisionOutcome, grantedFrom: SessionPoint?, grantedTo: SessionPoint?) {
            self.upn = upn
            self.request = request
            self.outcome = outcome
            self.grantedFrom = grantedFrom
            self.grantedTo = grantedTo
        }
    }

    /// One session for the register.
    public struct Entry: Hashable, Sendable {
        public let upn: String
        public let session: SessionPoint
        public let code: AttendanceCode
        public let reference: ReferenceNumber
        /// A refusal's code: to be written only if the pupil is in fact absent.
        public let onlyIfAbsent: Bool

        public init(upn: String, session: SessionPoint, code: AttendanceCode, reference: ReferenceNumber, onlyIfAbsent: Bool) {
            self.upn = upn
            self.session = session
            self.code = code
            self.reference = reference
            self.onlyIfAbsent = onlyIfAbsent
        }

        /// The register's cell this entry writes: one pupil, one session.
        public var cell: Cell { Cell(upn: upn, session: session) }
    }

    public struct Cell: Hashable, Sendable {
        public let upn: String
        public let session: SessionPoint

        public init(upn: String, session: SessionPoint) {
            self.upn = upn
            self.session = session
        }
    }

    /// Where an entry stands against what was exported before: new, already in the MIS, or
    /// exported with another code (the decision was changed since), so the office re-exports it.
    public enum ExportState: Hashable, Sendable {
        case new
        case exported(on: Date)
        case changed(from: AttendanceCode, on: Date)
    }

    /// Each entry's state, given the latest code exported for each cell and when.
    public static func states(_ entries: [Entry], exported: [Cell: (code: AttendanceCode, at: Date)]) -> [ExportState] {
        entries.map { entry in
            guard let earlier = exported[entry.cell] else { return .new }
            return earlier.code == entry.code ? .exported(on: earlier.at) : .changed(from: earlier.code, on: earlier.at)
        }
    }

    /// Every session from `from` to `to` (school days only) that a decision gives a code to,
    /// in date order, then by pupil.
    public static func entries(_ decided: [DecidedLeave], calendar: SchoolCalendar, from: SchoolDate, to: SchoolDate) -> [Entry] {
        var entries: [Entry] = []
        for item in decided {
            let a = item.request.application
            guard a.type != .lunchtime else { continue }
            let (first, last, code, ifAbsent): (SessionPoint, SessionPoint, AttendanceCode?, Bool) = switch item.outcome {
            case .granted: (a.start, a.end, a.registerCodeWhenGranted, false)
            case .grantedInPart: (item.grantedFrom ?? a.start, item.grantedTo ?? a.end, a.registerCodeWhenGranted, false)
            case .refused: (a.start, a.end, a.type == .leave ? .unauthorisedHoliday : .unauthorisedOther, true)
            }
            guard let code else { continue }
            let start = max(first, SessionPoint(from, .am)), end = min(last, SessionPoint(to, .pm))
            guard start <= end else { continue }
            for session in calendar.schoolSessions(from: start, to: end) {
                entries.append(Entry(upn: item.upn, session: session, code: code, reference: item.request.reference, onlyIfAbsent: ifAbsent))
            }
            // The rest of a request granted in part is refused: G or O if taken.
            if item.outcome == .grantedInPart {
                let refusedCode: AttendanceCode = a.type == .leave ? .unauthorisedHoliday : .unauthorisedOther
                for session in calendar.schoolSessions(from: max(a.start, SessionPoint(from, .am)), to: min(a.end, SessionPoint(to, .pm)))
                where session < first || session > last {
                    entries.append(Entry(upn: item.upn, session: session, code: refusedCode, reference: item.request.reference, onlyIfAbsent: true))
                }
            }
        }
        return entries.sorted { ($0.session, $0.upn, $0.reference.text) < ($1.session, $1.upn, $1.reference.text) }
    }

    /// The entries as CSV for the MIS: UPN, date, AM/PM, code, reference, and when to write it.
    public static func csv(_ entries: [Entry]) -> String {
        var csv = "UPN,Date,Session,Code,Reference,Write\r\n"
        for entry in entries {
            let fields = [entry.upn, entry.session.date.iso, entry.session.session.rawValue, entry.code.rawValue, entry.reference.text,
                          entry.onlyIfAbsent ? "only if absent" : "granted"]
            csv += fields.map(quoted).joined(separator: ",") + "\r\n"
        }
        return csv
    }

    /// RFC 4180 quoting, and a leading =, +, - or @ neutralised so a spreadsheet does not run it.
    static func quoted(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension SchoolCalendar {
    /// The sessions from `start` to `end` that fall on school days.
    /// In order, by day number: every review counts the sessions left in the year this way.
    public func schoolSessions(from start: SessionPoint, to end: SessionPoint) -> [SessionPoint] {
        guard start.date <= end.date else { return [] }
        var points: [SessionPoint] = []
        for number in start.date.dayNumber...end.date.dayNumber where isSchoolDay(dayNumber: number) {
            let day = SchoolDate(dayNumber: number)
            let morning = SessionPoint(day, .am), afternoon = SessionPoint(day, .pm)
            if morning >= start && morning <= end { points.append(morning) }
            if afternoon >= start && afternoon <= end { points.append(afternoon) }
        }
        return points
    }
}
