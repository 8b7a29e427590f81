import Hummingbird
import LeaveCore
import LeaveStore

/// The administrator's view of the school's settings: what the letterhead shows.
struct AdminController {
    let views: Views
    let store: any PortalStore

    func addRoutes(to router: Router<PortalRequestContext>) {
        let admin = router.group("admin").add(middleware: RoleMiddleware(.admin))
        admin.get("/") { _, context in
            let account = try context.requireAccount()
            guard let school = try await store.school(id: account.schoolID) else { throw HTTPError(.notFound) }
            let calendar = try await store.calendar(schoolID: account.schoolID)
            struct TermRow { let name: String; let start: String; let end: String }
            struct ClosureRow { let date: String; let name: String }
            struct Content { let school: School; let terms: [TermRow]; let closures: [ClosureRow] }
            let content = Content(
                school: school,
                terms: calendar.terms.map { TermRow(name: $0.name, start: $0.start.longForm, end: $0.end.longForm) },
                closures: calendar.closures.map { ClosureRow(date: $0.date.longForm, name: $0.name) })
            return views.render("admin", content, layout: Layout(title: "School settings", account: account, csrfToken: context.csrfToken))
        }
    }
}
