import Foundation
import Hummingbird
import HummingbirdAuth
import LeaveCore
import LeaveLetters
import LeaveServices
import LeaveStore
import Logging

/// Builds the whole service from its configuration: the store (opened from the database
/// setting unless one is given), the demo trust if asked for, the templates, the middleware
/// and every audience's routes. Tests build exactly this with a temporary database.
public func buildApplication(configuration: PortalConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "leave-portal")
    logger.logLevel = configuration.logLevel

    // A mistake in a form definition or a missing template stops the start here, naming it.
    let forms = try FormLoader.load(folder: configuration.formsDirectory)
    let wording = try LetterWordingLoader.load(folder: configuration.lettersDirectory
        ?? URL(fileURLWithPath: configuration.formsDirectory).deletingLastPathComponent().appendingPathComponent("letters").path)
    let views = try await Views.load()
    let location = try StoreLocation(configuration.database)
    let store: any PortalStore
    if let given = configuration.store { store = given } else { store = try await location.open() }
    let clock = SchoolClock(timeZone: configuration.timeZone, now: configuration.now)
    let evidenceFolder = configuration.evidenceDirectory
        ?? URL(fileURLWithPath: location.folder ?? "data").appendingPathComponent("evidence").path
    let services = PortalServices(
        store: store, clock: clock, passwords: Passwords(cost: configuration.bcryptCost), forms: forms, wording: wording,
        evidence: EvidenceFiles(folder: evidenceFolder, maxFileBytes: configuration.evidenceFileLimitBytes,
                                maxRequestBytes: configuration.evidenceRequestLimitBytes, store: store),
        importLimitBytes: configuration.uploadLimitBytes, publicURL: configuration.publicURL)

    var welcome = ""
    if !configuration.loadDemo, try await store.schools().isEmpty {
        welcome = """
            This portal has no school yet. Add the first one, with its first administrator, like this:
              leave-portal school add --name "Oakhollow Primary School" --la 855 --estab 2001 --admin-email head.office@example.org
            The administrator gets an invitation to choose a password; they then invite their staff.

            """
    }
    if configuration.loadDemo {
        let logins = try await DemoSetup.load(store: store, clock: clock, passwords: services.passwords)
        logger.info("demo trust ready with \(logins.count) accounts")
        if configuration.demoRequests {
            let made = try await DemoRequests(services: services).make()
            if made > 0 { logger.info("demo requests made: \(made)") }
        }
        welcome = DemoSetup.describe(logins) + "Sign in with one of the accounts above.\n"
    }
    // Requests from before decision deadlines were kept get theirs, so the queue's order holds.
    let dated = try await services.review.reviewRequestsWithoutDeadline()
    if dated > 0 { logger.info("worked out the decision deadline of \(dated) earlier requests") }

    let router = Router(context: PortalRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(views: views))
    router.add(middleware: SessionMiddleware(
        storage: StorePersistDriver(store: store, now: configuration.now),
        configuration: .init(
            sessionCookieParameters: .init(name: SessionCookie.name(secure: configuration.secureCookies), path: "/",
                                           secure: configuration.secureCookies, sameSite: .lax),
            keyPrefix: SessionCookie.keyPrefix, defaultSessionExpiration: configuration.sessionLifetime)))
    let megabytes = { (bytes: Int) in "\(bytes / 1_048_576) MB" }
    // Who is signed in is known before any body is read, so only they can send a large one.
    router.add(middleware: AccountMiddleware(lifetime: configuration.sessionLifetime,
                                             idleTimeout: configuration.sessionIdleTimeout, now: configuration.now))
    router.add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies, uploadPages: [
        .init(pathPrefix: Paths.Admin.calendarImport(), roles: [.admin], limit: 2 * 1_048_576 + CSRFMiddleware.formLimit,
              tooLarge: "The file is larger than 2 MB; a calendar is far smaller. Nothing was imported."),
        // The crest: twice its limit, so a file a little too large gets the field's own message.
        .init(pathPrefix: Paths.Admin.crest(), roles: [.admin], limit: 2 * LetterCrest.maximumBytes + CSRFMiddleware.formLimit,
              tooLarge: "The crest must be smaller than 512 KB; nothing was changed."),
        .init(pathPrefix: Paths.Office.imports(), roles: [.office], limit: configuration.uploadLimitBytes,
              tooLarge: "The file is larger than \(megabytes(configuration.uploadLimitBytes)), the most this page accepts. Nothing was imported."),
        // A page of a request form: one file and the page's few answers.
        // Twice the file limit, so a file a little too large still reaches the page and gets the field's own message.
        .init(pathPrefix: Paths.Forms.list() + "/", roles: [.parent], limit: 2 * configuration.evidenceFileLimitBytes + CSRFMiddleware.formLimit,
              tooLarge: "The selected file must be smaller than \(megabytes(configuration.evidenceFileLimitBytes)). Nothing was sent: go back and choose a smaller file."),
        // Evidence the school asked for, sent from the request's own page.
        .init(pathPrefix: "/parent/requests/", roles: [.parent], limit: 2 * configuration.evidenceFileLimitBytes + CSRFMiddleware.formLimit,
              tooLarge: "The selected file must be smaller than \(megabytes(configuration.evidenceFileLimitBytes)). Nothing was sent: go back and choose a smaller file."),
    ]))

    // Again inside, so a handler's error page still gets the CSRF cookie and the signed-in frame;
    // the outer one renders what the middleware itself refuses.
    router.add(middleware: ErrorPageMiddleware(views: views))
    // Innermost: it serves a file when no route answered, which it learns from the router's 404
    // (an error page made further out would hide that).
    router.add(middleware: FileMiddleware(configuration.publicDirectory, urlBasePath: "/public", searchForIndexHtml: false, logger: logger))

    HealthController(isHealthy: {
        guard await store.isHealthy() else { return false }
        return await store.takesWrites(at: clock.now)
    }).addRoutes(to: router)
    let sessionStart = SessionStart(sessions: store, lifetime: configuration.sessionLifetime, secureCookies: configuration.secureCookies)
    AuthController(views: views, services: services, sessionStart: sessionStart,
                   secureCookies: configuration.secureCookies, behindProxy: configuration.behindProxy).addRoutes(to: router)
    ParentController(views: views, services: services).addRoutes(to: router)
    FormController(views: views, services: services).addRoutes(to: router)
    HeadteacherController(views: views, services: services).addRoutes(to: router)
    OfficeController(views: views, services: services).addRoutes(to: router)
    ImportController(views: views, services: services).addRoutes(to: router)
    AdminController(views: views, services: services).addRoutes(to: router)
    CalendarController(views: views, services: services).addRoutes(to: router)
    InvitationController(views: views, services: services, sessionStart: sessionStart).addRoutes(to: router)
    PasswordController(views: views, services: services, sessionStart: sessionStart,
                       secureCookies: configuration.secureCookies).addRoutes(to: router)

    let mail = configuration.mail ?? .directory(URL(fileURLWithPath: location.folder ?? "data").appendingPathComponent("mail").path)
    let delivery = MailDelivery(store: store, transport: mail.transport(), from: configuration.mailFrom, clock: clock)
    let printsWelcome = configuration.logLevel <= .info
    let demoLogins = welcome
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "leave-portal"),
        services: [
            PeriodicService(name: "evidence sweep", interval: .seconds(3600), logger: logger) {
                let removed = try await services.evidence.sweep(now: clock.now)
                return removed > 0 ? "removed \(removed) files of forms never finished" : nil
            },
            PeriodicService(name: "daily summaries", interval: .seconds(600), logger: logger) {
                let sent = try await services.digests.sendDue()
                return sent > 0 ? "\(sent) schools sent their summary of new requests" : nil
            },
            PeriodicService(name: "e-mail", interval: .seconds(5), logger: logger) {
                let sent = try await delivery.deliverDue()
                return sent > 0 ? "\(sent) sent" : nil
            },
        ] + (configuration.bouncesMaildir.map { maildir in
            let returned = ReturnedMail(store: store, maildir: maildir, clock: clock)
            return [PeriodicService(name: "returned e-mail", interval: .seconds(60), logger: logger) {
                let marked = try await returned.readNew()
                return marked > 0 ? "\(marked) messages came back undelivered" : nil
            }]
        } ?? []),
        onServerRunning: { channel in
            // Only once the port is bound, so "Open" is never said of a server that is not there.
            guard printsWelcome else { return }
            let port = channel.localAddress?.port ?? configuration.port
            let text = demoLogins + "Open http://\(configuration.host):\(port)/ in a browser.\n"
            // Written straight to the file handle so it shows at once even when stdout is a pipe.
            FileHandle.standardOutput.write(Data(text.utf8))
        },
        logger: logger)
}
