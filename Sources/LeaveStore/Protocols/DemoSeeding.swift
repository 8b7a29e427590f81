import Foundation
import LeaveCore

/// Loads the made-up demo trust (`--demo`); each store writes it in its own way.
public protocol DemoSeeding: Sendable {
    /// Creates the demo trust unless it is there; `passwordHash` runs only when accounts are created.
    func loadDemoTrust(today: SchoolDate, passwordHash: @Sendable () -> String) async throws -> DemoTrust.Loaded
    /// The demo log-ins as they stand now (after imports have linked parents to children).
    func demoLogins() async throws -> [DemoTrust.Login]
}

/// Whether the store answers and takes writes: what `GET /health` reports.
public protocol StoreHealth: Sendable {
    func isHealthy() async -> Bool
    func takesWrites(at: Date) async -> Bool
}
