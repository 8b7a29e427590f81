import LeaveCore

extension SQLiteStore: DemoSeeding, StoreHealth {
    public func loadDemoTrust(today: SchoolDate, passwordHash: @Sendable () -> String) async throws -> DemoTrust.Loaded {
        try await DemoTrust.load(into: database, today: today, passwordHash: passwordHash)
    }

    public func demoLogins() async throws -> [DemoTrust.Login] {
        try await DemoTrust.logins(database)
    }

    public func isHealthy() async -> Bool {
        await database.isHealthy()
    }
}
