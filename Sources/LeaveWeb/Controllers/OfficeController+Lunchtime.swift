import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Lunchtime at the office (000 "Leave during lunch times"): each child with permission today,
/// signed out to the adult who collects them and back in on return, late returns flagged, and
/// the day's sheet to print.
extension OfficeController {
    struct LunchtimeRow: MustacheParent {
        let child: LunchtimeDesk.Child
        let dueBack: TimeOfDay
        let canAct: Bool
        let typed: String?
        let error: String?

        var reference: String { child.item.request.reference.text }

        func child(named key: String) -> Any? {
            let details = child.item.request.application.details
            switch key {
            case "pupil": return child.item.pupil.fullName
            case "year": return child.item.pupil.yearGroup.name
            case "reference": return reference
            case "fieldID": return "collectedBy-\(reference)"
            case "named": return details.collector ?? ""
            case "days": return details.days.map(\.name).joined(separator: ", ")
            case "collectedBy": return typed ?? details.collector ?? ""
            case "error": return orAbsent(error)
            case "notOut": if case .notOut = child.state { return true } else { return false }
            case "outSince": if case .out(let since, _, _) = child.state { return since.description } else { return orAbsent(nil as String?) }
            case "backAt": if case .back(let at, _, _, _) = child.state { return at.description } else { return orAbsent(nil as String?) }
            case "outAt":
                switch child.state {
                case .out(let since, _, _): return since.description
                case .back(_, let out, _, _): return out.description
                case .notOut: return ""
                }
            case "collector":
                switch child.state {
                case .out(_, let who, _), .back(_, _, let who, _): return who
                case .notOut: return ""
                }
            case "late": return child.isLate
            case "someoneElse": return child.collectedBySomeoneElse
            case "dueBack": return dueBack.description
            case "stopped": return !child.runsToday
            case "canAct": return canAct
            case "outAction": return Paths.Office.lunchtimeOut(child.item.request.reference)
            case "inAction": return Paths.Office.lunchtimeIn(child.item.request.reference)
            default: return nil
            }
        }
    }

    struct LunchtimeContent: MustacheParent {
        let day: LunchtimeDesk.Day
        let rows: [LunchtimeRow]
        let errors: ErrorSummary
        let sheet: Bool
        /// Said when the day asked for could not be shown.
        let notice: String?

        func child(named key: String) -> Any? {
            switch key {
            case "date": day.date.longForm
            case "isToday": day.isToday
            case "isSchoolDay": day.isSchoolDay
            case "dueBack": day.dueBack.description
            case "rows": rows
            case "isEmpty": rows.isEmpty
            case "errors": errors
            case "sheet": sheet
            case "notice": orAbsent(notice)
            case "lateCount": orAbsent(rows.filter(\.child.isLate).count.nonZero)
            case "outCount": rows.filter { if case .out = $0.child.state { true } else { false } }.count
            case "sheetHref": Paths.Office.lunchtime() + "?" + Paths.query([("day", day.date.iso), ("sheet", "1")])
            case "pageHref": Paths.Office.lunchtime() + (day.isToday ? "" : "?" + Paths.query([("day", day.date.iso)]))
            case "previousHref": Paths.Office.lunchtime() + "?" + Paths.query([("day", day.date.adding(days: -1).iso)])
            case "nextHref": day.isToday ? orAbsent(nil as String?) : Paths.Office.lunchtime() + "?" + Paths.query([("day", day.date.adding(days: 1).iso)])
            case "todayHref": Paths.Office.lunchtime()
            default: nil
            }
        }
    }

    func lunchtime(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        // An earlier day's record; a later day has nothing to show yet.
        var day = clock.today
        var notice: String?
        if let asked = query.get("day") {
            if let date = SchoolDate(iso: String(asked.prefix(10))), asked.count == 10 {
                if date > clock.today {
                    notice = "Nobody has been signed out on \(date.longForm) yet: it is in the future. This is today."
                } else {
                    day = date
                }
            } else {
                notice = "That is not a date, so this is today. Choose a day with the links below."
            }
        }
        return try await lunchtimePage(context, on: day, sheet: query.get("sheet") == "1", errors: [], typed: [:], notice: notice)
    }

    func lunchtimePage(_ context: PortalRequestContext, on date: SchoolDate, sheet: Bool, errors: [FieldError],
                       typed: [String: String], notice: String? = nil) async throws -> Response {
        let account = try context.requireAccount()
        let day = try await services.lunchtime.day(schoolID: account.schoolID, on: date)
        let rows = day.children.map { child in
            let reference = child.item.request.reference.text
            return LunchtimeRow(child: child, dueBack: day.dueBack, canAct: day.isToday && day.isSchoolDay, typed: typed[reference],
                                error: errors.first { $0.field == "collectedBy-\(reference)" }?.message)
        }
        let content = LunchtimeContent(day: day, rows: rows, errors: ErrorSummary(errors), sheet: sheet, notice: notice)
        return views.render(.lunchtime, content, layout: Layout(title: sheet ? "Lunchtime sheet, \(date.longForm)" : "Lunchtime",
                                                                account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty),
                            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func signOutAtLunchtime(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let reference = try context.reference()
        let typed = context.form["collectedBy"]
        let problems = try await services.lunchtime.signOut(reference, collectedBy: typed, by: account)
        guard problems.isEmpty else {
            let errors = problems.map { FieldError(field: "collectedBy-\(reference.text)", message: $0.message) }
            return try await lunchtimePage(context, on: clock.today, sheet: false, errors: errors, typed: [reference.text: typed])
        }
        return .redirect(to: Paths.Office.lunchtime())
    }

    func signInAfterLunchtime(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let reference = try context.reference()
        try await services.lunchtime.signIn(reference, by: account)
        return .redirect(to: Paths.Office.lunchtime())
    }
}

extension Int {
    /// Nil for nothing, for a template section that shows only when there is a count.
    var nonZero: Int? { self == 0 ? nil : self }
}
