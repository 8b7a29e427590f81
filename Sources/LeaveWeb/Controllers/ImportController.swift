import Foundation
import Hummingbird
import LeaveCore
import LeaveImport
import LeaveServices
import LeaveStore
import Mustache

/// The office uploads the MIS's exports (CTF, or CSV of marks or pupils) and sees the same
/// report as `leave-portal import`. Imports go only into the office's own school.
struct ImportController {
    let views: Views
    let services: PortalServices

    var clock: SchoolClock { services.clock }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let office = router.group().add(middleware: RoleMiddleware(.office))
        office.get(Paths.Office.imports.routerPath) { request, context in
            try await page(context, kind: "", errors: [], report: nil, status: .ok,
                           page: Pagination.requested(request.uri.queryParameters.get("page")))
        }
        office.post(Paths.Office.imports.routerPath) { _, context in try await upload(context) }
    }

    struct ReportView: MustacheParent {
        let fileName: String
        let summary: String
        let pupilsAdded: Int
        let pupilsUpdated: Int
        let marksAdded: Int
        let marksChanged: Int
        let problems: [ProblemRow]
        let hasProblems: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "fileName": self.fileName
            case "summary": self.summary
            case "pupilsAdded": self.pupilsAdded
            case "pupilsUpdated": self.pupilsUpdated
            case "marksAdded": self.marksAdded
            case "marksChanged": self.marksChanged
            case "problems": self.problems
            case "hasProblems": self.hasProblems
            default: nil
            }
        }
    }

    struct ProblemRow: MustacheParent {
        let location: String
        let message: String

        func child(named key: String) -> Any? {
            switch key {
            case "location": self.location
            case "message": self.message
            default: nil
            }
        }
    }

    struct RunRow: MustacheParent {
        let at: String
        let kind: String
        let fileName: String
        let actorName: String
        let summary: String

        func child(named key: String) -> Any? {
            switch key {
            case "at": self.at
            case "kind": self.kind
            case "fileName": self.fileName
            case "actorName": self.actorName
            case "summary": self.summary
            default: nil
            }
        }
    }

    struct Content: MustacheParent {
        let errors: ErrorSummary
        let kind: ChoiceField
        let fileError: String?
        let limitMB: Int
        let report: ReportView?
        let runs: [RunRow]
        let hasRuns: Bool
        let pagination: Pagination

        func child(named key: String) -> Any? {
            switch key {
            case "errors": self.errors
            case "kind": self.kind
            case "fileError": orAbsent(self.fileError)
            case "limitMB": self.limitMB
            case "report": orAbsent(self.report)
            case "runs": self.runs
            case "hasRuns": self.hasRuns
            case "pagination": self.pagination
            default: nil
            }
        }
    }

    /// The form, and the imports made so far, newest first, fifty at a time.
    func page(_ context: PortalRequestContext, kind: String, errors: [FieldError], report: ReportView?, status: HTTPResponse.Status,
              page requested: Int = 1) async throws -> Response {
        let account = try context.requireAccount()
        let (found, pagination) = try await Pagination.load(page: requested, href: { Paths.Office.imports() + "?page=\($0)" }) { offset, limit in
            let found = try await services.store.importRuns(schoolID: account.schoolID, offset: offset, limit: limit)
            return (found.runs, found.total)
        }
        let runs = found.map {
            RunRow(at: clock.describe($0.at), kind: Self.kindTitle($0.kind), fileName: $0.fileName, actorName: $0.actorName, summary: $0.summary)
        }
        let choices = RegisterImports.Kind.allCases.map {
            Choice(value: $0.rawValue, label: Self.kindTitle($0.rawValue), hint: Self.kindHint($0), checked: kind == $0.rawValue)
        }
        let content = Content(errors: ErrorSummary(errors), kind: ChoiceField("kind", choices, errors),
                              fileError: errors.first { $0.field == "file" }?.message,
                              limitMB: services.importLimitBytes / 1_048_576, report: report, runs: runs, hasRuns: !runs.isEmpty,
                              pagination: pagination)
        let layout = Layout(title: "Import from the MIS", account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.imports, content, layout: layout, status: status)
    }

    func upload(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let kindText = context.form["kind"]
        var errors: [FieldError] = []
        let kind = RegisterImports.Kind(rawValue: kindText)
        if kind == nil { errors.append(FieldError(field: "kind", message: "Select what the file holds")) }
        let file = context.form.files["file"]
        if file == nil || file!.data.isEmpty {
            errors.append(FieldError(field: "file", message: "Select a file to import"))
        } else if let kind, let problem = Self.contentProblem(file!.data, kind: kind) {
            errors.append(FieldError(field: "file", message: problem))
        }
        guard errors.isEmpty, let kind, let file else {
            return try await page(context, kind: kindText, errors: errors, report: nil, status: .unprocessableContent)
        }
        // The file goes to a private temporary folder for the streaming parser, and is removed after.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("upload").path
        guard FileManager.default.createFile(atPath: path, contents: file.data, attributes: [.posixPermissions: 0o600]) else {
            throw HTTPError(.internalServerError)
        }
        do {
            let (_, report) = try await services.imports.run(kind, path: path, fileName: file.fileName, schoolID: account.schoolID,
                                                             actorName: account.displayName)
            let view = ReportView(fileName: file.fileName, summary: report.summary, pupilsAdded: report.pupils.added,
                                  pupilsUpdated: report.pupils.updated, marksAdded: report.marks.added, marksChanged: report.marks.changed,
                                  problems: report.problems.map { ProblemRow(location: $0.location, message: $0.message) }, hasProblems: !report.problems.isEmpty)
            return try await page(context, kind: "", errors: [], report: view, status: .ok)
        } catch let refusal as ImportRefusal {
            let message = "The file was refused and nothing was imported: \(refusal)"
            return try await page(context, kind: kindText, errors: [FieldError(field: "file", message: message)], report: nil,
                                  status: .unprocessableContent)
        }
    }

    /// Checks the file's content, not its name: a CTF is XML text, a CSV is UTF-8 text.
    static func contentProblem(_ data: Data, kind: RegisterImports.Kind) -> String? {
        let expected = kind == .ctf ? "a CTF (XML)" : "CSV"
        // A NUL byte or bytes that are not UTF-8 mean a program, an image or a spreadsheet.
        if data.prefix(65_536).contains(0) || String(data: data, encoding: .utf8) == nil {
            return "The file is not a text file; export it from the MIS as \(expected)"
        }
        if kind == .ctf {
            let start = String(decoding: data.prefix(1024), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if !start.hasPrefix("<") { return "The file is not XML, so it cannot be a CTF" }
        }
        return nil
    }

    static func kindTitle(_ kind: String) -> String {
        switch kind {
        case "ctf": "Common Transfer File (CTF, XML)"
        case "attendance": "Attendance marks (CSV)"
        case "pupils": "Pupils and contacts (CSV)"
        default: kind
        }
    }

    static func kindHint(_ kind: RegisterImports.Kind) -> String {
        switch kind {
        case .ctf: "Exported from Arbor, SIMS or Bromcom: pupils, contacts and attendance"
        case .attendance: "Columns: UPN (or pupil id), Date, Session (AM or PM), Mark"
        case .pupils: "Columns: UPN (or pupil id), Forename, Surname, Year group, and contact columns"
        }
    }
}
