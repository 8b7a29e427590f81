import Foundation
import Hummingbird
import HummingbirdCore
import LeaveCore
import LeaveServices
import LeaveStore

/// The filters above the school's record, read from the query string (a GET form). A reference or
/// a date that cannot be one is said so beside its box, keeps what was typed, and is left out of
/// the filter; an unknown action (only a hand-edited address makes one) shows every action.
struct AuditFilterForm {
    static let whoLimit = 100

    let filter: AuditFilter
    let typed: [String: String]
    let errors: [FieldError]

    init(_ parameters: FlatDictionary<Substring, Substring>, clock: SchoolClock) {
        var typed: [String: String] = [:]
        for key in ["action", "ref", "who", "from", "to"] {
            let value = parameters.get(key).map { String($0).replacingOccurrences(of: "+", with: " ").filter { !$0.isControlCharacter } } ?? ""
            typed[key] = String(value.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.whoLimit))
        }
        var errors: [FieldError] = []
        var filter = AuditFilter(action: typed["action"].flatMap(AuditEvent.Action.init(rawValue:)), actorName: typed["who"] ?? "")
        if let text = typed["ref"], !text.isEmpty {
            if let reference = ReferenceNumber(text.uppercased()) {
                filter.reference = reference
            } else {
                errors.append(FieldError(field: "ref", message: "Enter a reference like the ones in the list, for example LP-4K7Q2M"))
            }
        }
        for (key, label) in [("from", "From"), ("to", "Until")] {
            guard let text = typed[key], !text.isEmpty else { continue }
            guard let day = SchoolDate(iso: text), (1900...9998).contains(day.year) else {
                errors.append(FieldError(field: key, message: "\(label) must be a date written as year-month-day, for example 2026-11-23"))
                continue
            }
            if key == "from" { filter.from = clock.start(of: day) } else { filter.before = clock.start(of: day.adding(days: 1)) }
        }
        self.filter = filter
        self.typed = typed
        self.errors = errors
    }

    var isActive: Bool { filter != AuditFilter() }

    /// The record's address for page `n`, keeping every filter as typed.
    func href(page: Int) -> String {
        let items = ["action", "ref", "who", "from", "to"].compactMap { key in typed[key].flatMap { $0.isEmpty ? nil : (key, $0) } }
        return Paths.Admin.audit() + "?" + Paths.query(items + [("page", String(page))])
    }
}
