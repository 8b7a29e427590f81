import Foundation
import Hummingbird
import LeaveCore
import LeaveStore
import Mustache

/// The register's write-back: the office picks the days, and gets the codes the decisions give
/// them as CSV for the MIS (UPN, date, AM/PM, code, reference). Reading it changes nothing.
extension OfficeController {
    struct RegisterContent: MustacheParent {
        let action: String
        let from: TextField
        let to: TextField
        let errors: ErrorSummary

        func child(named key: String) -> Any? {
            switch key {
            case "action": self.action
            case "from": self.from
            case "to": self.to
            case "errors": self.errors
            default: nil
            }
        }
    }

    func register(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let query = request.uri.queryParameters
        let typedFrom = query.get("from").map { String($0.prefix(20)) }
        let typedTo = query.get("to").map { String($0.prefix(20)) }
        var errors: [FieldError] = []
        if let typedFrom, let typedTo {
            let from = SchoolDate(iso: typedFrom), to = SchoolDate(iso: typedTo)
            if from == nil { errors.append(FieldError(field: "from", message: "Enter the first day as a date, for example 2026-12-01")) }
            if to == nil { errors.append(FieldError(field: "to", message: "Enter the last day as a date, for example 2026-12-18")) }
            if let from, let to {
                if to < from {
                    errors.append(FieldError(field: "to", message: "The last day must be the same as or after the first day"))
                } else if to.dayNumber - from.dayNumber > 400 {
                    errors.append(FieldError(field: "to", message: "Export at most a school year (400 days) at a time"))
                } else {
                    let entries = RegisterWriteBack.entries(try await store.decidedLeave(schoolID: account.schoolID, from: from, to: to),
                                                            calendar: try await store.calendar(schoolID: account.schoolID), from: from, to: to)
                    return Response(status: .ok, headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"register-\(from.iso)-to-\(to.iso).csv\"",
                        .cacheControl: "private, no-store",
                    ], body: .init(byteBuffer: ByteBuffer(string: RegisterWriteBack.csv(entries))))
                }
            }
        }
        // The school week so far, to start from.
        let today = clock.today
        let monday = today.adding(days: -today.weekday.rawValue)
        let content = RegisterContent(action: Paths.Office.register(),
                                      from: TextField("from", typedFrom ?? monday.iso, errors),
                                      to: TextField("to", typedTo ?? monday.adding(days: 4).iso, errors), errors: ErrorSummary(errors))
        return views.render(.register, content, layout: Layout(title: "Register codes for the MIS", account: account,
                                                               csrfToken: context.csrfToken, hasErrors: !errors.isEmpty),
                            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
