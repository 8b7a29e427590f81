import Foundation
import Hummingbird
import LeaveCore
import Mustache

/// The Mustache templates, loaded once at start, and the one way pages are rendered.
public struct Views: Sendable {
    let pages: PageTemplates
    /// The long lists' rows, each compiled against its row's view-model.
    let rows: RowTemplates

    /// Loads every template bundled with LeaveWeb; a template that does not parse, or one the
    /// portal names that is not there, stops the start.
    public static func load() async throws -> Views {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw ViewsError.templatesMissing([])
        }
        var templates: [String: PageTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let name = String(file.dropLast(".mustache".count))
            templates[name] = try PageTemplate(name: name, text: text)
        }
        let missing = Template.allCases.filter { templates[$0.rawValue] == nil }
        guard missing.isEmpty else { throw ViewsError.templatesMissing(missing.map(\.rawValue)) }
        return Views(pages: PageTemplates(templates: templates), rows: try RowTemplates(folder: folder + "/rows"))
    }

    public enum ViewsError: Error, CustomStringConvertible {
        case templatesMissing([String])

        public var description: String {
            switch self {
            case .templatesMissing(let names):
                names.isEmpty ? "the page templates folder is missing" : "page templates missing: \(names.joined(separator: ", "))"
            }
        }
    }

    func render(_ template: Template, _ content: some MustacheParent, layout: Layout, status: HTTPResponse.Status = .ok) -> Response {
        let page = Page(layout: layout, content: content)
        // Every name was checked at start, so the library always has it.
        let html = pages.render(template.rawValue, page) ?? ""
        return Self.html(html, status: status)
    }

    /// A PDF, shown in the browser (`inline`) or saved; private, as a letter names a child.
    static func pdf(_ bytes: [UInt8], name: String, inline: Bool) -> Response {
        let safeName = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return Response(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(safeName)\"",
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(status: HTTPResponse.Status, message: String?, context: PortalRequestContext) -> Response {
        let title: String = switch status.code {
        case 403: "You cannot do that"
        case 404: "Page not found"
        case 409: "This has already been done"
        case 413: "That was too large"
        case 400..<500: "There is a problem"
        default: "Sorry, there is a problem with the service"
        }
        let text = message ?? (status.code == 404
            ? "If you typed the web address, check it is correct. If you followed a link, the page may belong to another account."
            : "Try again later. What you have already sent to the school is safe.")
        let layout = Layout(title: title, account: nil, csrfToken: context.csrfToken, hasErrors: false)
        return render(.error, ErrorContent(heading: title, message: text), layout: layout, status: status)
    }
}

/// What every page's frame needs: the title, who is signed in, the CSRF token and the links.
struct Layout: MustacheParent {
    let title: String
    let account: AccountBar?
    let csrfToken: String
    let hasErrors: Bool
    /// GOV.UK pattern: a page shown again with errors says so first in its title.
    let pageTitle: String

    init(title: String, account: Account?, csrfToken: String, hasErrors: Bool = false) {
        self.title = title
        self.account = account.map(AccountBar.init)
        self.csrfToken = csrfToken
        self.hasErrors = hasErrors
        self.pageTitle = (hasErrors ? "Error: " : "") + title + " – Leave Portal"
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "account": orAbsent(self.account)
        case "csrfToken": self.csrfToken
        case "hasErrors": self.hasErrors
        case "pageTitle": self.pageTitle
        case "isStaff": self.account.map { $0.isStaff } ?? false
        case "urls": SiteLinks.shared
        default: nil
        }
    }
}

/// The fixed links templates use (the frame, back links, the buttons to start a request).
struct SiteLinks: MustacheParent {
    static let shared = SiteLinks()

    let links: [String: String] = [
        "home": Paths.home(), "logout": Paths.logout(), "login": Paths.login(), "forgottenPassword": Paths.forgottenPassword(),
        "account": Paths.account(),
        "stylesheet": Paths.stylesheet, "printStylesheet": Paths.printStylesheet,
        "parentHome": Paths.Parent.home(), "forms": Paths.Forms.list(), "queue": Paths.Decisions.queue(),
        "letters": Paths.Office.letters(), "imports": Paths.Office.imports(),
        "admin": Paths.Admin.settings(), "adminPolicy": Paths.Admin.policy(), "adminCalendar": Paths.Admin.calendar(), "calendarImport": Paths.Admin.calendarImport(), "calendarSave": Paths.Admin.calendarSave(),
        "terms": Paths.Admin.terms(), "closures": Paths.Admin.closures(),
        "assessments": Paths.Admin.assessments(), "religiousDays": Paths.Admin.religiousDays(),
    ]

    func child(named name: String) -> Any? { links[name] }
}

struct AccountBar: MustacheParent {
    let name: String
    let role: String
    let school: String
    let links: [NavLink]
    /// Staff see what the school holds on families; parents see only their own.
    let isStaff: Bool

    init(_ account: Account) {
        name = account.displayName
        role = account.role.title
        school = account.schoolName
        isStaff = account.role != .parent
        links = switch account.role {
        case .parent: [NavLink(href: Paths.Parent.home(), text: "Your requests"), NavLink(href: Paths.Forms.list(), text: "Ask the school")]
        case .headteacher, .deputy: [NavLink(href: Paths.Decisions.queue(), text: "Decision queue"),
                                     NavLink(href: Paths.Decisions.decided(), text: "Decided")]
        case .office: [NavLink(href: Paths.Office.today(), text: "Today"), NavLink(href: Paths.Office.lunchtime(), text: "Lunchtime"),
                       NavLink(href: Paths.Office.letters(), text: "Letters to print"), NavLink(href: Paths.Office.printedLetters(), text: "Printed letters"),
                       NavLink(href: Paths.Office.imports(), text: "Import from the MIS"),
                       NavLink(href: Paths.Office.register(), text: "Register codes"),
                       NavLink(href: Paths.Office.invitations(), text: "Invite parents")]
        case .admin: [NavLink(href: Paths.Admin.settings(), text: "School settings"), NavLink(href: Paths.Admin.staff(), text: "Staff"),
                      NavLink(href: Paths.Admin.audit(), text: "Record of requests")]
        }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "role": self.role
        case "school": orAbsent(self.school.isEmpty ? nil : self.school)
        case "links": self.links
        default: nil
        }
    }
}

struct NavLink: MustacheParent {
    let href: String
    let text: String

    func child(named name: String) -> Any? {
        switch name {
        case "href": self.href
        case "text": self.text
        default: nil
        }
    }
}

struct Page<Content: MustacheParent>: MustacheParent {
    let layout: Layout
    let content: Content

    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "content": self.content
        default: nil
        }
    }
}

struct ErrorContent: MustacheParent {
    let heading: String
    let message: String

    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "message": self.message
        default: nil
        }
    }
}
