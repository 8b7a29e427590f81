import Foundation
import LeaveServices
import Logging
import ServiceLifecycle

/// Runs alongside the server: sends what the outbox holds every few seconds.
struct MailDeliveryService: Service {
    let delivery: MailDelivery
    let logger: Logger
    var interval: Duration = .seconds(5)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let sent = try await delivery.deliverDue()
                    if sent > 0 { logger.info("e-mail: \(sent) sent") }
                } catch {
                    // The type only: a message's address or text must not reach the log.
                    logger.error("e-mail delivery failed: \(String(reflecting: type(of: error)))")
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
