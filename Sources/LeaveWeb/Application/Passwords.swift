import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run off the request threads: a hash takes a noticeable fraction of a second on purpose.
public struct Passwords: Sendable {
    public let cost: UInt8

    public init(cost: UInt8) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func hashNow(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// With no hash (unknown e-mail) it still spends the time of a check, so response time
    /// does not tell which addresses have accounts.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? Self.decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }

    private static let decoy = Bcrypt.hash("decoy password for unknown accounts", cost: 12)
}
