/// A date as typed into three boxes (day, month, year), kept exactly as typed so a
/// form shown again with an error gives the parent back what they entered.
public struct DateAnswer: Hashable, Sendable, Codable {
    public var day: String
    public var month: String
    public var year: String

    public init(day: String = "", month: String = "", year: String = "") {
        self.day = day
        self.month = month
        self.year = year
    }

    public init(_ date: SchoolDate) {
        self.init(day: String(date.day), month: String(date.month), year: String(date.year))
    }

    public enum Part: String, Sendable, CaseIterable {
        case day, month, year
    }

    /// Why the boxes do not make a date, in the order the GOV.UK pattern reports them:
    /// nothing entered, then a missing part, then an impossible date.
    public enum Problem: Error, Hashable, Sendable {
        case missing
        case incomplete([Part])
        case notReal(Part)
    }

    public func parse() -> Result<SchoolDate, Problem> {
        let d = day.trimmed, m = month.trimmed, y = year.trimmed
        if d.isEmpty && m.isEmpty && y.isEmpty { return .failure(.missing) }
        let missing = zip(Part.allCases, [d, m, y]).filter { $0.1.isEmpty }.map(\.0)
        if !missing.isEmpty { return .failure(.incomplete(missing)) }
        guard d.count <= 2, let dn = Int(d), dn > 0 else { return .failure(.notReal(.day)) }
        guard let mn = DateAnswer.month(from: m) else { return .failure(.notReal(.month)) }
        guard y.count == 4, let yn = Int(y) else { return .failure(.notReal(.year)) }
        guard let date = SchoolDate(year: yn, month: mn, day: dn) else { return .failure(.notReal(.day)) }
        return .success(date)
    }

    /// Accepts a month number or its English name or abbreviation, as GOV.UK forms do.
    static func month(from text: String) -> Int? {
        if text.count <= 2, let n = Int(text), (1...12).contains(n) { return n }
        let lower = text.lowercased()
        guard lower.count >= 3 else { return nil }
        return SchoolDate.monthNames.firstIndex { $0.lowercased().hasPrefix(lower) || $0.lowercased() == lower }
            .map { $0 + 1 }
    }
}

extension String {
    /// "The first day", from "the first day": for messages that start a sentence.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }

    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
