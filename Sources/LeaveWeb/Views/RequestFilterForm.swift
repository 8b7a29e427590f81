import Foundation
import Hummingbird
import HummingbirdCore
import LeaveCore
import LeaveStore
import Mustache

/// The filters above the queue and the decided list, read from the page's query string (a GET
/// form, so a filtered list can be bookmarked and shared) and shown again as the user set them.
/// A value that is not one of the choices (only a hand-edited address makes one) is ignored.
struct RequestFilterForm: MustacheParent {
    enum List { case queue, decided }

    struct Option: MustacheParent {
        let value: String
        let label: String
        let selected: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "value": self.value
            case "label": self.label
            case "selected": self.selected
            default: nil
            }
        }
    }

    static let searchLimit = 100
    static let yearGroups = (-1...13).compactMap(YearGroup.init)

    let list: List
    let action: String
    let search: String
    let yearGroup: YearGroup?
    let kind: LeaveKind?
    let advice: Recommendation?
    let outcome: DecisionOutcome?
    let dueThisWeek: Bool

    init(_ parameters: FlatDictionary<Substring, Substring>, list: List) {
        self.list = list
        action = list == .queue ? Paths.Decisions.queue() : Paths.Decisions.decided()
        // A GET form sends a space as "+"; a typed "+" arrives as %2B, already decoded.
        let typed = parameters.get("q").map { String($0).replacingOccurrences(of: "+", with: " ").filter { !$0.isControlCharacter } } ?? ""
        search = String(typed.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.searchLimit))
        yearGroup = parameters.get("year").flatMap { Int($0) }.flatMap(YearGroup.init)
        kind = parameters.get("kind").flatMap { LeaveKind(rawValue: String($0)) }
        advice = list == .queue ? parameters.get("advice").flatMap { Recommendation(rawValue: String($0)) } : nil
        outcome = list == .decided ? parameters.get("outcome").flatMap { DecisionOutcome(rawValue: String($0)) } : nil
        dueThisWeek = list == .queue && parameters.get("due") == "week"
    }

    /// What the store narrows the list to; "this week" ends on the coming Sunday, and takes in
    /// every request already past its date.
    func filter(today: SchoolDate) -> RequestFilter {
        let sunday = today.adding(days: Weekday.sunday.rawValue - today.weekday.rawValue)
        return RequestFilter(search: search, yearGroup: yearGroup, kind: kind, advice: advice, outcome: outcome,
                             decideByOnOrBefore: dueThisWeek ? sunday : nil)
    }

    var isActive: Bool { !search.isEmpty || yearGroup != nil || kind != nil || advice != nil || outcome != nil || dueThisWeek }

    /// The filter as a query string, for the pages of the filtered list ("" when there is none).
    var query: String { Self.query(items) }

    /// The same filter with another advice, for the counts' links.
    func query(advice other: Recommendation?) -> String {
        Self.query(items.filter { $0.0 != "advice" } + (other.map { [("advice", $0.rawValue)] } ?? []))
    }

    private var items: [(String, String)] {
        var items: [(String, String)] = []
        if !search.isEmpty { items.append(("q", search)) }
        if let yearGroup { items.append(("year", String(yearGroup.number))) }
        if let kind { items.append(("kind", kind.rawValue)) }
        if let advice { items.append(("advice", advice.rawValue)) }
        if let outcome { items.append(("outcome", outcome.rawValue)) }
        if dueThisWeek { items.append(("due", "week")) }
        return items
    }

    private static func query(_ items: [(String, String)]) -> String { Paths.query(items) }

    /// The list's address for page `n` of this filter.
    func href(page: Int) -> String {
        let filter = query
        return action + "?" + (filter.isEmpty ? "" : filter + "&") + "page=\(page)"
    }

    var yearOptions: [Option] {
        [Option(value: "", label: "Any year", selected: yearGroup == nil)]
            + Self.yearGroups.map { Option(value: String($0.number), label: $0.name, selected: $0 == yearGroup) }
    }

    var kindOptions: [Option] {
        [Option(value: "", label: "Any kind", selected: kind == nil)]
            + LeaveKind.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0 == kind) }
    }

    var adviceOptions: [Option] {
        [Option(value: "", label: "Any advice", selected: advice == nil)]
            + Recommendation.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0 == advice) }
    }

    var outcomeOptions: [Option] {
        [Option(value: "", label: "Any decision", selected: outcome == nil)]
            + DecisionOutcome.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0 == outcome) }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "action": self.action
        case "search": self.search
        case "searchLimit": Self.searchLimit
        case "yearOptions": self.yearOptions
        case "kindOptions": self.kindOptions
        case "isQueue": self.list == .queue
        case "adviceOptions": self.adviceOptions
        case "outcomeOptions": self.outcomeOptions
        case "dueThisWeek": self.dueThisWeek
        case "isActive": self.isActive
        default: nil
        }
    }
}

extension Character {
    /// NUL and the other control characters: never part of a name, and SQLite's LIKE stops at a NUL.
    var isControlCharacter: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
