import Foundation
import Hummingbird
import HummingbirdAuth
import LeaveCore
import LeaveStore
import Logging

/// Builds the whole service from its configuration: the database (created and migrated),
/// the demo trust if asked for, the templates, the middleware and every audience's routes.
/// Tests build exactly this with a temporary database.
public func buildApplication(configuration: PortalConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "leave-portal")
    logger.logLevel = configuration.logLevel

    // A mistake in a form definition stops the start here, naming the file and field.
    let forms = try FormLoader.load(folder: configuration.formsDirectory)
    let database = try AppDatabase.open(path: configuration.databasePath)
    let store = SQLiteStore(database)
    let clock = SchoolClock(timeZone: configuration.timeZone, now: configuration.now)
    let passwords = Passwords(cost: configuration.bcryptCost)

    if configuration.loadDemo {
        let loaded = try await DemoTrust.load(into: database, today: clock.today) { passwords.hashNow(DemoTrust.password) }
        for school in loaded.newSchools {
            let report = try await DemoRegister.importRoll(of: school, store: store, today: clock.today, at: clock.now)
            logger.info("demo roll imported: \(report.summary)")
        }
        // Log-ins are listed after the import, which links parents to their children.
        let logins = loaded.newSchools.isEmpty ? loaded.logins
            : try await DemoTrust.load(into: database, today: clock.today) { "" }.logins
        logger.info("demo trust ready with \(logins.count) accounts")
        if configuration.logLevel <= .info {
            let text = DemoLogins.describe(logins)
                + "Open http://\(configuration.host):\(configuration.port)/ and sign in with one of the accounts above.\n"
            // Written straight to the file handle so it shows at once even when stdout is a pipe.
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    let views = try await Views.load()
    let router = Router(context: PortalRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(views: views))
    router.add(middleware: FileMiddleware(configuration.publicDirectory, urlBasePath: "/public", searchForIndexHtml: false, logger: logger))
    router.add(middleware: SessionMiddleware(
        storage: StorePersistDriver(store: store, now: configuration.now),
        configuration: .init(
            sessionCookieParameters: .init(name: "lp_session", path: "/", secure: configuration.secureCookies, sameSite: .lax),
            keyPrefix: "s.", defaultSessionExpiration: configuration.sessionLifetime)))
    router.add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies, uploadLimit: configuration.uploadLimitBytes))
    router.add(middleware: AccountMiddleware(accounts: store))

    HealthController(isHealthy: { await database.isHealthy() }).addRoutes(to: router)
    AuthController(views: views, accounts: store, passwords: passwords, sessionLifetime: configuration.sessionLifetime,
                   throttle: SignInThrottle(), clock: clock).addRoutes(to: router)
    ParentController(views: views, store: store, clock: clock, forms: forms).addRoutes(to: router)
    let evidenceFolder = configuration.evidenceDirectory
        ?? URL(fileURLWithPath: configuration.databasePath).deletingLastPathComponent().appendingPathComponent("evidence").path
    FormController(views: views, store: store, clock: clock, forms: forms,
                   evidence: EvidenceFiles(folder: evidenceFolder, maxFileBytes: configuration.evidenceFileLimitBytes,
                                           maxRequestBytes: configuration.evidenceRequestLimitBytes, store: store)).addRoutes(to: router)
    HeadteacherController(views: views, store: store, clock: clock).addRoutes(to: router)
    OfficeController(views: views, store: store, clock: clock).addRoutes(to: router)
    ImportController(views: views, store: store, clock: clock,
                     imports: RegisterImports(store: store, maxBytes: configuration.uploadLimitBytes)).addRoutes(to: router)
    AdminController(views: views, store: store, clock: clock).addRoutes(to: router)
    CalendarController(views: views, store: store).addRoutes(to: router)

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "leave-portal"),
        logger: logger)
}

/// The demo log-ins as printed when the service starts with `--demo`.
public enum DemoLogins {
    public static func describe(_ logins: [DemoTrust.Login]) -> String {
        var text = "Demo log-ins (password for every account: \(DemoTrust.password))\n"
        var school = ""
        for login in logins {
            if login.school != school {
                school = login.school
                text += "  \(school)\n"
            }
            text += "    \(login.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(login.note)\n"
        }
        return text
    }
}
