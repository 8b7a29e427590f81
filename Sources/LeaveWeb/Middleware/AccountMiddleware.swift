import Foundation
import Hummingbird

/// Puts the signed-in account into the context. A session ends when its account has gone or been
/// closed, when its sessions were ended (a password changed, "sign out everywhere"), when it was
/// signed in longer ago than the absolute limit, or when it has been idle too long. The account
/// comes read with the session (`StorePersistDriver`); a session without one has no account.
struct AccountMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let lifetime: Duration
    let idleTimeout: Duration
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if var session = context.sessions.session {
            let now = now()
            // A session from before these limits were kept has no times, and is ended.
            let signedIn = session.signedInAt ?? .distantPast
            let seen = session.seenAt ?? signedIn
            if now.timeIntervalSince(signedIn) > Self.seconds(lifetime) || now.timeIntervalSince(seen) > Self.seconds(idleTimeout) {
                context.sessions.clearSession()
            } else if let account = session.account, account.isActive,
                      account.sessionsValidFrom.map({ signedIn > $0 }) ?? true {
                context.account = account
                context.children = session.children
                // "Last seen" moves on in steps, so the session is written at most every few minutes,
                // not on every page; a session can therefore end up to an eighth of the idle limit early.
                if now.timeIntervalSince(seen) > Self.seconds(idleTimeout) / 8 {
                    session.seenAt = now
                    session.signedInAt = signedIn
                    _ = context.sessions.updateSession(session)
                }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}
