import ArgumentParser
import Foundation
import Hummingbird
import LeaveStore
import LeaveWeb
import Logging
import NIOCore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web service.",
        discussion: "Each option can also be set by the environment variable named beside it; an option given on the command line wins.")

    @Option(help: "Address to listen on. [LEAVE_PORTAL_HOST, default 127.0.0.1]")
    var host: String?

    @Option(help: "Port to listen on. [LEAVE_PORTAL_PORT, default 8080]")
    var port: Int?

    @Option(help: "The database: a SQLite file (created if missing) or sqlite:PATH. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
    var database: String?

    @Option(name: .customLong("public"), help: "Folder of static assets (CSS). [LEAVE_PORTAL_PUBLIC, default public]")
    var publicDirectory: String?

    @Flag(help: "Mark cookies Secure; use whenever the portal is reached over HTTPS. [LEAVE_PORTAL_SECURE_COOKIES=1]")
    var secureCookies = false

    @Flag(help: "The portal is behind a reverse proxy that appends the client's address to X-Forwarded-For. [LEAVE_PORTAL_BEHIND_PROXY=1]")
    var behindProxy = false

    @Flag(help: "Load the demo trust (two schools, pupils, parents, staff, calendar) if it is not there yet, and print its log-ins. [LEAVE_PORTAL_DEMO=1]")
    var demo = false

    @Option(help: "bcrypt cost for new passwords. [LEAVE_PORTAL_BCRYPT_COST, default 12]")
    var bcryptCost: UInt8?

    @Option(help: "Largest file the office may upload for an import, in megabytes. [LEAVE_PORTAL_UPLOAD_LIMIT_MB, default 50]")
    var uploadLimitMb: Int?

    @Option(help: "Largest evidence file a parent may send, and the most for one request, in megabytes. [LEAVE_PORTAL_EVIDENCE_LIMIT_MB, default 10]")
    var evidenceLimitMb: Int?

    @Option(help: "The portal's address as people reach it, the base of every link in an e-mail. [LEAVE_PORTAL_PUBLIC_URL, default http://HOST:PORT]")
    var publicUrl: String?

    @Option(help: "Where e-mail goes: directory:PATH (.eml files) or sendmail:PATH (e.g. sendmail:/usr/sbin/sendmail). [LEAVE_PORTAL_MAIL, default directory:mail beside the database]")
    var mail: String?

    @Option(help: "The sender of the portal's e-mails. [LEAVE_PORTAL_MAIL_FROM, default leave-portal@localhost]")
    var mailFrom: String?

    @Option(help: "A Maildir (maildir:PATH) where the sender's mailbox receives delivery reports; messages reported as returned show as not delivered. [LEAVE_PORTAL_BOUNCES, default none]")
    var bounces: String?

    @Option(help: "Folder where parents' evidence files are kept. [LEAVE_PORTAL_EVIDENCE, default: evidence beside the database]")
    var evidence: String?

    @Option(help: "Folder of the request forms' definitions. [LEAVE_PORTAL_FORMS, default forms]")
    var forms: String?

    @Option(help: "Folder of the letters' wording. [LEAVE_PORTAL_LETTERS, default letters beside the forms' folder]")
    var letters: String?

    @Option(help: "Minutes a signed-in session lasts without use. [LEAVE_PORTAL_SESSION_IDLE_MINUTES, default 120]")
    var sessionIdleMinutes: Int?

    @Option(help: "Hours a signed-in session lasts at most. [LEAVE_PORTAL_SESSION_HOURS, default 8]")
    var sessionHours: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. [LEAVE_PORTAL_LOG_LEVEL, default info]")
    var logLevel: String?

    func run() async throws {
        var config = PortalConfiguration()
        config.host = host ?? Environment.value("LEAVE_PORTAL_HOST") ?? config.host
        if let p = port ?? Environment.value("LEAVE_PORTAL_PORT").flatMap(Int.init) {
            guard (0...65_535).contains(p) else { throw ValidationError("--port must be between 0 and 65535") }
            config.port = p
        }
        config.database = Environment.database(database)
        config.publicDirectory = publicDirectory ?? Environment.value("LEAVE_PORTAL_PUBLIC") ?? config.publicDirectory
        config.secureCookies = secureCookies || Environment.flag("LEAVE_PORTAL_SECURE_COOKIES")
        config.behindProxy = behindProxy || Environment.flag("LEAVE_PORTAL_BEHIND_PROXY")
        config.loadDemo = demo || Environment.flag("LEAVE_PORTAL_DEMO")
        config.demoRequests = config.loadDemo
        config.bcryptCost = try Environment.bcryptCost(bcryptCost)
        if let level = logLevel ?? Environment.value("LEAVE_PORTAL_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level) else { throw ValidationError("unknown log level '\(level)'") }
            config.logLevel = parsed
        }
        if let limit = uploadLimitMb ?? Environment.value("LEAVE_PORTAL_UPLOAD_LIMIT_MB").flatMap(Int.init) {
            guard (1...4096).contains(limit) else { throw ValidationError("--upload-limit-mb must be between 1 and 4096") }
            config.uploadLimitBytes = limit * 1_048_576
        }
        if let limit = evidenceLimitMb ?? Environment.value("LEAVE_PORTAL_EVIDENCE_LIMIT_MB").flatMap(Int.init) {
            guard (1...1024).contains(limit) else { throw ValidationError("--evidence-limit-mb must be between 1 and 1024") }
            config.evidenceFileLimitBytes = limit * 1_048_576
            config.evidenceRequestLimitBytes = limit * 1_048_576
        }
        config.formsDirectory = forms ?? Environment.value("LEAVE_PORTAL_FORMS") ?? config.formsDirectory
        config.lettersDirectory = letters ?? Environment.value("LEAVE_PORTAL_LETTERS")
        config.evidenceDirectory = evidence ?? Environment.value("LEAVE_PORTAL_EVIDENCE")
        config.publicURL = try Environment.publicURL(publicUrl ?? Environment.value("LEAVE_PORTAL_PUBLIC_URL") ?? "http://\(config.host):\(config.port)")
        config.mail = try Environment.mail(mail, database: database)
        config.mailFrom = Environment.mailFrom(mailFrom)
        if let text = bounces ?? Environment.value("LEAVE_PORTAL_BOUNCES") {
            guard text.hasPrefix("maildir:"), text.count > "maildir:".count else {
                throw ValidationError("--bounces must be maildir:PATH, the Maildir the sender's mailbox delivers to")
            }
            config.bouncesMaildir = String(text.dropFirst("maildir:".count))
        }
        if let minutes = sessionIdleMinutes ?? Environment.value("LEAVE_PORTAL_SESSION_IDLE_MINUTES").flatMap(Int.init) {
            guard (5...24 * 60).contains(minutes) else { throw ValidationError("--session-idle-minutes must be between 5 and 1440") }
            config.sessionIdleTimeout = .seconds(minutes * 60)
        }
        if let hours = sessionHours ?? Environment.value("LEAVE_PORTAL_SESSION_HOURS").flatMap(Int.init) {
            guard (1...72).contains(hours) else { throw ValidationError("--session-hours must be between 1 and 72") }
            config.sessionLifetime = .seconds(hours * 3600)
        }
        // Held while serving, so `restore` refuses to replace the database under a running portal.
        var lock: DatabaseLock?
        if case .sqlite(let path)? = try? StoreLocation(config.database) { lock = DatabaseLock.shared(forDatabase: path) }
        defer { withExtendedLifetime(lock) {} }
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration: config)
        } catch let error as StoreLocationError {
            // Not a mistake in the command's words, so no usage text: what is wrong and what to do.
            FileHandle.standardError.write(Data("leave-portal: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EACCES {
            let problem = error.errnoCode == EADDRINUSE ? "is already in use by another program" : "may not be used by this user"
            FileHandle.standardError.write(Data("leave-portal: port \(config.port) on \(config.host) \(problem); stop that program or choose another port with --port\n".utf8))
            throw ExitCode(1)
        }
    }
}
