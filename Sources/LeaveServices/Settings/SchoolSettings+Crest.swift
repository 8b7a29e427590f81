import Foundation
import LeaveCore
import LeaveLetters
import LeaveStore

extension SchoolSettings {
    /// The crest for the letters' heading: a PNG checked by its content, kept for letters
    /// written from now on (a letter already written keeps the crest it was written with).
    public func setCrest(_ png: [UInt8], by admin: Account) async throws -> [FieldError] {
        guard admin.role == .admin else { throw ServiceError.notFound }
        if case .failure(let problem) = LetterCrest.check(png) {
            return [FieldError(field: "crest", message: problem.description)]
        }
        try await store.setCrest(png, schoolID: admin.schoolID, sha256: TokenDigest.sha256(bytes: png), by: Actor(admin), at: clock.now)
        return []
    }

    public func removeCrest(by admin: Account) async throws {
        guard admin.role == .admin else { throw ServiceError.notFound }
        try await store.setCrest(nil, schoolID: admin.schoolID, sha256: nil, by: Actor(admin), at: clock.now)
    }
}
