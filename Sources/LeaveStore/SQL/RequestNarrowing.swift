import Foundation
import LeaveCore

/// A list's filter as SQL conditions on `leaveRequest` and `pupil`, each starting with " AND ":
/// the same text for both stores, but for the word that matches a name while ignoring case
/// (SQLite's LIKE does; PostgreSQL's ILIKE does).
struct RequestNarrowing {
    enum Value {
        case text(String)
        case integer(Int)
    }

    var sql = ""
    var values: [Value] = []
    var needsPupil = false
    /// The decided list starts from `decision`; anything but the outcome is on the request.
    var needsRequest = false

    init(_ filter: RequestFilter, caseBlindLike like: String) {
        let search = filter.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reference = ReferenceNumber(search.uppercased()) {
            add("leaveRequest.reference = ?", [.text(reference.text)])
        } else if search.count == 13, let first = search.first, first.isASCII, first.isLetter,
                  search.dropFirst().prefix(11).allSatisfy({ $0.isASCII && $0.isNumber }),
                  let last = search.last, last.isASCII, last.isLetter || last.isNumber {
            // A UPN: a letter, eleven digits, and a check digit or letter; never a name.
            add("pupil.upn = ?", [.text(search.uppercased())], pupil: true)
        } else {
            // Each word is part of the forename or the surname, in either order.
            for word in search.split(whereSeparator: \.isWhitespace).prefix(4) {
                let pattern = Value.text("%" + Self.escapeLike(String(word)) + "%")
                add("(pupil.forename \(like) ? ESCAPE '\\' OR pupil.surname \(like) ? ESCAPE '\\')", [pattern, pattern], pupil: true)
            }
        }
        if let year = filter.yearGroup { add("pupil.yearGroup = ?", [.integer(year.number)], pupil: true) }
        if let kind = filter.kind { add("leaveRequest.kind = ?", [.text(kind.rawValue)]) }
        if let advice = filter.advice { add("leaveRequest.recommendation = ?", [.text(advice.rawValue)]) }
        if let day = filter.decideByOnOrBefore { add("leaveRequest.decideBy <= ?", [.text(day.iso)]) }
        if let outcome = filter.outcome {
            sql += " AND decision.outcome = ?"
            values.append(.text(outcome.rawValue))
        }
    }

    private mutating func add(_ condition: String, _ given: [Value], pupil: Bool = false) {
        sql += " AND " + condition
        values += given
        needsRequest = true
        if pupil { needsPupil = true }
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
