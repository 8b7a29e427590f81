import Foundation
import LeaveServices
import Logging
import ServiceLifecycle

/// Runs alongside the server: every hour, files sent with forms never finished (a day old,
/// attached to no request) are removed with their records.
struct EvidenceSweepService: Service {
    let evidence: EvidenceFiles
    let clock: SchoolClock
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await evidence.sweep(now: clock.now)
                    if removed > 0 { logger.info("evidence sweep removed \(removed) unattached files") }
                } catch {
                    logger.error("evidence sweep failed: \(String(reflecting: type(of: error)))")
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
