import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run off the callers' threads: a hash takes a noticeable fraction of a second on purpose.
public struct Passwords: Sendable {
    public let cost: UInt8
    /// Checked against when no account has the address, at the same cost as real hashes, so
    /// response time does not tell which addresses have accounts.
    let decoy: String

    public init(cost: UInt8) {
        self.cost = cost
        self.decoy = Bcrypt.hash("decoy password for unknown accounts", cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func hashNow(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }
}
