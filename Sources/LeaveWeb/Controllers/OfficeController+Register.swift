import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// The register's write-back: the office picks the days, sees what each decision gives them
/// and what is new since the last export, then exports the CSV for the MIS (UPN, date, AM/PM,
/// code, reference) and marks it exported. Looking changes nothing; exporting is a POST.
extension OfficeController {
    /// The most sessions the page lists; the CSV always has all of them.
    static let registerRowsShown = 200

    struct RegisterRow: MustacheParent {
        let entry: RegisterWriteBack.Entry
        let state: String
        let stateClass: String

        func child(named key: String) -> Any? {
            switch key {
            case "upn": entry.upn
            case "date": entry.session.date.longForm
            case "session": entry.session.session.rawValue
            case "code": entry.code.rawValue
            case "write": entry.onlyIfAbsent ? "Only if absent" : "Granted"
            case "reference": entry.reference.text
            case "state": state
            case "stateClass": stateClass
            default: nil
            }
        }
    }

    struct ExportRow: MustacheParent {
        let run: RegisterExportRun
        let when: String

        func child(named key: String) -> Any? {
            switch key {
            case "when": when
            case "who": run.actorName
            case "from": run.from.longForm
            case "to": run.to.longForm
            case "entries": run.entries
            case "href": Paths.Office.registerExportCSV(run.id)
            default: nil
            }
        }
    }

    struct RegisterContent: MustacheParent {
        let action: String
        let from: TextField
        let to: TextField
        let errors: ErrorSummary
        let preview: RegisterExports.Preview?
        let range: (from: SchoolDate, to: SchoolDate)?
        let rows: [RegisterRow]
        let csvHref: String?
        let exported: ExportRow?
        let earlier: [ExportRow]

        func child(named key: String) -> Any? {
            switch key {
            case "action": action
            case "from": from
            case "to": to
            case "errors": errors
            case "hasPreview": preview != nil
            case "range": orAbsent(range.map { "\($0.from.longForm) to \($0.to.longForm)" })
            case "isEmpty": preview?.entries.isEmpty == true
            case "total": preview?.entries.count ?? 0
            case "newCount": preview?.newCount ?? 0
            case "changedCount": preview?.changedCount ?? 0
            case "exportedCount": preview?.exportedCount ?? 0
            case "nothingNew": preview.map { $0.newCount + $0.changedCount == 0 && !$0.entries.isEmpty } == true
            case "rows": rows
            case "more": orAbsent((preview?.entries.count ?? 0) > rows.count ? (preview?.entries.count ?? 0) - rows.count : nil)
            case "csvHref": orAbsent(csvHref)
            case "exportAction": Paths.Office.registerExport()
            case "exported": orAbsent(exported)
            case "earlier": earlier
            case "hasEarlier": !earlier.isEmpty
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
        var preview: RegisterExports.Preview?
        var csvHref: String?
        var shown: (from: SchoolDate, to: SchoolDate)?
        if let typedFrom, let typedTo {
            switch RegisterExports.range(from: typedFrom, to: typedTo) {
            case .invalid(let found):
                errors = found
            case .valid(let range):
                let exports = services.registerExports
                // The CSV without marking anything exported: for a look in a spreadsheet first.
                if query.get("format") == "csv" {
                    let entries = try await exports.entries(schoolID: account.schoolID, from: range.from, to: range.to)
                    return Self.csv(RegisterWriteBack.csv(entries), name: "register-\(range.from.iso)-to-\(range.to.iso).csv")
                }
                preview = try await exports.preview(schoolID: account.schoolID, from: range.from, to: range.to)
                shown = range
                csvHref = Paths.Office.register() + "?" + Paths.query([("from", range.from.iso), ("to", range.to.iso), ("format", "csv")])
            }
        }
        let rows: [RegisterRow] = preview.map { preview in
            zip(preview.entries, preview.states).prefix(Self.registerRowsShown).map { entry, state -> RegisterRow in
                switch state {
                case .new: RegisterRow(entry: entry, state: "New", stateClass: "new")
                case .exported(let on): RegisterRow(entry: entry, state: "Exported \(clock.describe(on))", stateClass: "exported")
                case .changed(let from, let on):
                    RegisterRow(entry: entry, state: "Changed since export (was \(from.rawValue), \(clock.describe(on)))", stateClass: "changed")
                }
            }
        } ?? []
        let earlier = try await store.registerExports(schoolID: account.schoolID, limit: 10)
        let exported = query.get("exported", as: Int64.self).flatMap { id in earlier.first { $0.id == id } }
        // The school week so far, to start from.
        let today = clock.today
        let monday = today.adding(days: -today.weekday.rawValue)
        let content = RegisterContent(action: Paths.Office.register(),
                                      from: TextField("from", typedFrom ?? monday.iso, errors),
                                      to: TextField("to", typedTo ?? monday.adding(days: 4).iso, errors), errors: ErrorSummary(errors),
                                      preview: preview, range: shown, rows: rows, csvHref: csvHref,
                                      exported: exported.map { ExportRow(run: $0, when: clock.describe($0.exportedAt)) },
                                      earlier: earlier.map { ExportRow(run: $0, when: clock.describe($0.exportedAt)) })
        return views.render(.register, content, layout: Layout(title: "Register codes for the MIS", account: account,
                                                               csrfToken: context.csrfToken, hasErrors: !errors.isEmpty),
                            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Exports the days and marks them exported, then shows the page again with the export to download.
    func exportRegister(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let typedFrom = String(context.form["from"].prefix(20)), typedTo = String(context.form["to"].prefix(20))
        guard case .valid(let range) = RegisterExports.range(from: typedFrom, to: typedTo) else {
            return .redirect(to: Paths.Office.register() + "?" + Paths.query([("from", typedFrom), ("to", typedTo)]))
        }
        let (run, _) = try await services.registerExports.export(schoolID: account.schoolID, from: range.from, to: range.to, by: account)
        return .redirect(to: Paths.Office.register()
                         + "?" + Paths.query([("from", range.from.iso), ("to", range.to.iso), ("exported", String(run.id))]))
    }

    /// "/office/register/exports/12.csv": an export again, exactly as it was given.
    func registerExportCSV(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let text = context.parameters.get("id"), text.hasSuffix(".csv"), let id = Int64(text.dropLast(4)),
              let found = try await services.registerExports.download(exportID: id, schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        return Self.csv(found.csv, name: "register-\(found.run.from.iso)-to-\(found.run.to.iso)-export-\(id).csv")
    }

    static func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name)\"",
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
