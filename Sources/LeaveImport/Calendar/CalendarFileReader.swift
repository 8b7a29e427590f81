import Foundation
import LeaveCore

/// Term dates as a local authority publishes them: an iCalendar file (RFC 5545) or a CSV of
/// `kind,start,end,name`. Read in full and checked before anything is saved.
public struct CalendarBatch: Sendable, Equatable, Codable {
    public var terms: [Term] = []
    public var closures: [Closure] = []
    public var problems: [ImportReport.Problem] = []

    public init() {}
}

public enum CalendarFileReader {
    public static let maxBytes = 2 * 1_048_576

    public static func read(_ data: Data, fileName: String) throws -> CalendarBatch {
        guard data.count <= maxBytes else { throw ImportRefusal("the file is larger than \(maxBytes / 1_048_576) MB; a calendar is far smaller") }
        guard var text = String(data: data, encoding: .utf8) else { throw ImportRefusal("the file is not UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let batch = text.uppercased().contains("BEGIN:VCALENDAR") ? try ics(text) : try csv(text)
        return try checked(batch)
    }

    // MARK: iCalendar

    /// Lines unfolded as RFC 5545 §3.1 says: a line break followed by a space or tab continues the line.
    static func unfold(_ text: String) -> [(line: Int, text: String)] {
        var lines: [(Int, String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw)
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].1 += line.dropFirst()
            } else {
                lines.append((index + 1, line))
            }
        }
        return lines
    }

    static func ics(_ text: String) throws -> CalendarBatch {
        var batch = CalendarBatch()
        var event: [String: (line: Int, value: String)]?
        var eventLine = 0
        for (line, content) in unfold(text) {
            let upper = content.uppercased()
            if upper == "BEGIN:VEVENT" {
                event = [:]
                eventLine = line
                continue
            }
            if upper == "END:VEVENT" {
                if let event { add(event, line: eventLine, to: &batch) }
                event = nil
                continue
            }
            guard event != nil, let colon = content.firstIndex(of: ":") else { continue }
            let nameAndParameters = content[..<colon]
            let name = nameAndParameters.split(separator: ";").first.map { $0.uppercased() } ?? ""
            if ["DTSTART", "DTEND", "SUMMARY"].contains(name) {
                event?[name] = (line, String(content[content.index(after: colon)...]))
            }
        }
        if event != nil { throw ImportRefusal("an event is not closed with END:VEVENT", at: "line \(eventLine)") }
        return batch
    }

    /// `20260901`, or `20260901T080000Z` / `…T080000` (a time is ignored: term dates are days).
    static func icsDate(_ value: String) -> SchoolDate? {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber), let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
              let d = Int(digits.suffix(2)) else { return nil }
        return SchoolDate(year: y, month: m, day: d)
    }

    static func add(_ event: [String: (line: Int, value: String)], line: Int, to batch: inout CalendarBatch) {
        let summary = unescape(event["SUMMARY"]?.value ?? "").trimmingCharacters(in: .whitespaces)
        guard let startText = event["DTSTART"], let start = icsDate(startText.value) else {
            batch.problems.append(.init(location: "line \(event["DTSTART"]?.line ?? line)", message: "the event '\(summary)' has no start date it can read; left out"))
            return
        }
        var end = start
        if let endText = event["DTEND"] {
            guard let exclusive = icsDate(endText.value) else {
                batch.problems.append(.init(location: "line \(endText.line)", message: "'\(endText.value)' is not a date; the event '\(summary)' is left out"))
                return
            }
            // An all-day event's DTEND is the day after its last day (RFC 5545 §3.6.1); a timed one ends on its own day.
            end = endText.value.count == 8 ? max(start, exclusive.adding(days: -1)) : max(start, exclusive)
        }
        classify(summary, start: start, end: end, location: "line \(line)", into: &batch)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\N", with: " ").replacingOccurrences(of: "\\\\", with: "\\")
    }

    /// What an event is, from its name as local authorities write them.
    static func classify(_ summary: String, start: SchoolDate, end: SchoolDate, location: String, into batch: inout CalendarBatch) {
        let words = summary.lowercased()
        let name = String(summary.prefix(120))
        if words.contains("inset") || words.contains("training day") || words.contains("staff development") || words.contains("teacher day") {
            closures(.inset, name, start, end, into: &batch)
        } else if words.contains("bank holiday") || words.contains("good friday") || words.contains("easter monday") || words.contains("may day") {
            closures(.bankHoliday, name, start, end, into: &batch)
        } else if words.contains("closure") || words.contains("closed") {
            closures(.other, name, start, end, into: &batch)
        } else if words.contains("half term") || words.contains("half-term") || words.contains("holiday") || words.contains("break") {
            // The days between terms: not school days already, so nothing to keep.
            return
        } else if words.contains("term") {
            batch.terms.append(Term(name: name, start: start, end: end))
        } else {
            batch.problems.append(.init(location: location, message: "'\(name)' is not a term, a half term, an INSET day or a bank holiday; left out"))
        }
    }

    static func closures(_ kind: Closure.Kind, _ name: String, _ start: SchoolDate, _ end: SchoolDate, into batch: inout CalendarBatch) {
        var day = start
        // A closure names days; a long range (a mistake, or a holiday) is cut at a fortnight.
        while day <= end && start.days(until: day) < 14 {
            if !day.isWeekend { batch.closures.append(Closure(date: day, kind: kind, name: name)) }
            day = day.adding(days: 1)
        }
    }

    // MARK: CSV

    static func csv(_ text: String) throws -> CalendarBatch {
        let table = try CSVTable(data: Data(text.utf8))
        guard let kind = table.column("Kind", "Type"), let start = table.column("Start", "Start date", "From"),
              let name = table.column("Name", "Summary", "Description") else {
            throw ImportRefusal("the header needs kind, start, end and name columns", at: "line 1")
        }
        let end = table.column("End", "End date", "To", "Until")
        var batch = CalendarBatch()
        for row in table.rows {
            guard let first = CSVDates.parse(row[start]) else {
                throw ImportRefusal("'\(row[start])' is not a date (use 2026-09-03 or 03/09/2026)", at: "line \(row.line)")
            }
            let lastText = row[end]
            guard let last = lastText.isEmpty ? first : CSVDates.parse(lastText) else {
                throw ImportRefusal("'\(lastText)' is not a date (use 2026-10-23 or 23/10/2026)", at: "line \(row.line)")
            }
            guard last >= first else { throw ImportRefusal("the end is before the start", at: "line \(row.line)") }
            let label = String(row[name].prefix(120))
            switch row[kind].lowercased().replacingOccurrences(of: " ", with: "-") {
            case "term": batch.terms.append(Term(name: label.isEmpty ? "Term" : label, start: first, end: last))
            case "inset": closures(.inset, label.isEmpty ? "INSET day" : label, first, last, into: &batch)
            case "bank-holiday": closures(.bankHoliday, label.isEmpty ? "Bank holiday" : label, first, last, into: &batch)
            case "closure": closures(.other, label.isEmpty ? "School closed" : label, first, last, into: &batch)
            case "half-term", "holiday": continue
            default:
                throw ImportRefusal("'\(row[kind])' is not a kind (use term, half-term, inset, bank-holiday or closure)", at: "line \(row.line)")
            }
        }
        return batch
    }

    // MARK: Checks

    /// Terms in order without overlaps, each at least a day; closures inside a term and not at a weekend.
    static func checked(_ batch: CalendarBatch) throws -> CalendarBatch {
        var batch = batch
        batch.terms.sort { $0.start < $1.start }
        for (earlier, later) in zip(batch.terms, batch.terms.dropFirst()) where later.start <= earlier.end {
            throw ImportRefusal("'\(later.name)' (from \(later.start.iso)) overlaps '\(earlier.name)' (to \(earlier.end.iso))")
        }
        var kept: [Closure] = []
        for closure in batch.closures {
            if !batch.terms.isEmpty, !batch.terms.contains(where: { $0.start <= closure.date && closure.date <= $0.end }) {
                batch.problems.append(.init(location: closure.date.iso, message: "'\(closure.name)' is outside every term in the file; left out"))
            } else if !kept.contains(where: { $0.date == closure.date }) {
                kept.append(closure)
            }
        }
        batch.closures = kept
        guard !batch.terms.isEmpty || !batch.closures.isEmpty else { throw ImportRefusal("the file holds no terms or closures") }
        return batch
    }
}
