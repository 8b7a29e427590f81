import Foundation
import LeaveCore

extension PostgresStore {
    /// A filter as SQL conditions on `leaveRequest` and `pupil`, each starting with " AND ".
    struct Narrowing {
        var sql = ""
        var arguments: [any SQLValue] = []
        var needsPupil = false
        /// The decided list starts from `decision`; anything but the outcome is on the request.
        var needsRequest = false

        mutating func add(_ condition: String, _ values: [any SQLValue], pupil: Bool = false) {
            sql += " AND " + condition
            arguments += values
            needsRequest = true
            if pupil { needsPupil = true }
        }
    }

    static func narrowing(_ filter: RequestFilter) -> Narrowing {
        var narrowing = Narrowing()
        let search = filter.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reference = ReferenceNumber(search.uppercased()) {
            narrowing.add("leaveRequest.reference = ?", [reference.text])
        } else if search.count == 13, let first = search.first, first.isASCII, first.isLetter,
                  search.dropFirst().prefix(11).allSatisfy({ $0.isASCII && $0.isNumber }),
                  let last = search.last, last.isASCII, last.isLetter || last.isNumber {
            // A UPN: a letter, eleven digits, and a check digit or letter; never a name.
            narrowing.add("pupil.upn = ?", [search.uppercased()], pupil: true)
        } else {
            // Each word is part of the forename or the surname, in either order. ILIKE: SQLite's
            // LIKE ignores case, PostgreSQL's does not.
            for word in search.split(whereSeparator: \.isWhitespace).prefix(4) {
                let pattern = "%" + escapeLike(String(word)) + "%"
                narrowing.add(#"(pupil.forename ILIKE ? ESCAPE '\' OR pupil.surname ILIKE ? ESCAPE '\')"#, [pattern, pattern], pupil: true)
            }
        }
        if let year = filter.yearGroup { narrowing.add("pupil.yearGroup = ?", [year.number], pupil: true) }
        if let kind = filter.kind { narrowing.add("leaveRequest.kind = ?", [kind.rawValue]) }
        if let advice = filter.advice { narrowing.add("leaveRequest.recommendation = ?", [advice.rawValue]) }
        if let day = filter.decideByOnOrBefore { narrowing.add("leaveRequest.decideBy <= ?", [day.iso]) }
        if let outcome = filter.outcome {
            narrowing.sql += " AND decision.outcome = ?"
            narrowing.arguments.append(outcome.rawValue)
        }
        return narrowing
    }

    /// `%`, `_` and the escape itself stand for themselves in a search.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
