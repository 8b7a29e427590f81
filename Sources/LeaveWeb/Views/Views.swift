import Foundation
import Hummingbird
import LeaveCore
import Mustache

/// The Mustache templates, loaded once at start, and the one way pages are rendered.
public struct Views: Sendable {
    let library: MustacheLibrary

    /// Loads every template bundled with LeaveWeb; a template that does not parse stops the start.
    public static func load() async throws -> Views {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw ViewsError.templatesMissing
        }
        return Views(library: try await MustacheLibrary(directory: folder))
    }

    enum ViewsError: Error { case templatesMissing }

    func render<Content>(_ template: String, _ content: Content, layout: Layout, status: HTTPResponse.Status = .ok) -> Response {
        let page = Page(layout: layout, content: content)
        let html = library.render(page, withTemplate: template) ?? "Page template \(template) is missing"
        return Self.html(html, status: status)
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
        return render("error", ErrorContent(heading: title, message: text), layout: layout, status: status)
    }
}

/// What every page's frame needs: the title, who is signed in, and the CSRF token.
struct Layout {
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
}

struct AccountBar {
    let name: String
    let role: String
    let links: [NavLink]

    init(_ account: Account) {
        name = account.displayName
        role = account.role.title
        links = switch account.role {
        case .parent: [NavLink(href: "/parent", text: "Your requests"), NavLink(href: "/parent/forms", text: "Ask the school")]
        case .headteacher, .deputy: [NavLink(href: "/decisions", text: "Decision queue")]
        case .office: [NavLink(href: "/office/letters", text: "Letters to print"), NavLink(href: "/office/imports", text: "Import from the MIS")]
        case .admin: [NavLink(href: "/admin", text: "School settings")]
        }
    }
}

struct NavLink {
    let href: String
    let text: String
}

struct Page<Content> {
    let layout: Layout
    let content: Content
}

struct ErrorContent {
    let heading: String
    let message: String
}
