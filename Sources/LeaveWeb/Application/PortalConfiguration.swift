import Foundation
import LeaveServices
import LeaveStore
import Logging

/// How the service is run. Every setting has a flag and an environment variable in the
/// `serve` command; the defaults run a local service with no configuration at all.
public struct PortalConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Where the data is kept: a SQLite file (its folder is created if missing) or `sqlite:PATH`.
    public var database: String
    /// A store already open, used instead of `database` (tests pass one; other stores can follow).
    public var store: (any PortalStore)?
    /// Static assets (CSS) served under `/public`.
    public var publicDirectory: String
    /// Mark cookies Secure: set it whenever the portal is reached over HTTPS.
    public var secureCookies: Bool
    /// Behind a reverse proxy, the client is the last address it adds to X-Forwarded-For (for
    /// the sign-in throttle); otherwise every visitor would look like the proxy.
    public var behindProxy: Bool = false
    /// Load the demo trust if it is not there yet.
    public var loadDemo: Bool
    /// With the demo trust, a dozen requests of every kind and state (`serve --demo`; tests start empty).
    public var demoRequests: Bool = false
    /// bcrypt cost for new password hashes; tests lower it to stay quick.
    public var bcryptCost: UInt8
    /// How long a signed-in session lasts at most, however much it is used.
    public var sessionLifetime: Duration
    /// How long a signed-in session lasts without use.
    public var sessionIdleTimeout: Duration
    public var logLevel: Logger.Level
    /// The largest file the office may upload for an import.
    public var uploadLimitBytes: Int
    /// The request forms' definitions (forms/*.yaml), read at start.
    public var formsDirectory: String
    /// The letters' wording (letters/*.yaml), read at start; by default the `letters` folder
    /// beside the forms' folder.
    public var lettersDirectory: String?
    /// Where parents' evidence files are kept: outside public/, next to the database by default.
    public var evidenceDirectory: String?
    /// Limits on evidence: each file, and all the files of one request.
    public var evidenceFileLimitBytes: Int
    public var evidenceRequestLimitBytes: Int
    /// The portal's address as people reach it: the base of every link in an e-mail or letter.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Where e-mail goes: `.eml` files in a folder (by default `mail/` beside the database), or a
    /// sendmail-compatible program.
    public var mail: MailSetting?
    /// The sender of the portal's e-mails.
    public var mailFrom: String = "leave-portal@localhost"
    /// A Maildir where the sender's mailbox receives delivery reports, read every minute for
    /// messages that came back after the transport took them; nil when there is none.
    public var bouncesMaildir: String?
    /// The school's time zone decides what "today" is for notice and past-date checks.
    public var timeZone: TimeZone
    /// Where the current time comes from; tests pin it.
    public var now: @Sendable () -> Date

    public static let defaultDatabase = "data/leave-portal.sqlite"

    public init(host: String = "127.0.0.1", port: Int = 8080, database: String = PortalConfiguration.defaultDatabase,
                store: (any PortalStore)? = nil,
                publicDirectory: String = "public", secureCookies: Bool = false, loadDemo: Bool = false,
                bcryptCost: UInt8 = 12, sessionLifetime: Duration = .seconds(8 * 60 * 60),
                sessionIdleTimeout: Duration = .seconds(2 * 60 * 60),
                logLevel: Logger.Level = .info, uploadLimitBytes: Int = 50 * 1_048_576,
                formsDirectory: String = "forms", evidenceDirectory: String? = nil,
                evidenceFileLimitBytes: Int = 10 * 1_048_576, evidenceRequestLimitBytes: Int = 10 * 1_048_576,
                timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.host = host
        self.port = port
        self.database = database
        self.store = store
        self.publicDirectory = publicDirectory
        self.secureCookies = secureCookies
        self.loadDemo = loadDemo
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.sessionIdleTimeout = sessionIdleTimeout
        self.logLevel = logLevel
        self.uploadLimitBytes = uploadLimitBytes
        self.formsDirectory = formsDirectory
        self.evidenceDirectory = evidenceDirectory
        self.evidenceFileLimitBytes = evidenceFileLimitBytes
        self.evidenceRequestLimitBytes = evidenceRequestLimitBytes
        self.timeZone = timeZone
        self.now = now
    }
}
