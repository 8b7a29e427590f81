import Foundation
import Logging
import ServiceLifecycle

/// Work the server does alongside requests, every so often, until it shuts down: sending the
/// outbox's e-mail, removing evidence of forms never finished.
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    /// One round of the work; what it returns, when not nil, is logged (no personal data in it).
    let work: @Sendable () async throws -> String?

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    if let line = try await work() { logger.info("\(name): \(line)") }
                } catch {
                    // The type only: an address or a message's text must not reach the log.
                    logger.error("\(name) failed: \(String(reflecting: type(of: error)))")
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
