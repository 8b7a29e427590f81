import Foundation
import LeaveCore
import LeaveLetters
import LeaveStore

extension SchoolSettings {
    /// The crest for the letters' heading: a PNG checked by its content and kept as its pixels
    /// written again (nothing else the file carried), for letters
    /// written from now on (a letter already written keeps the crest it was written with).
    public func setCrest(_ png: [UInt8], by admin: Account) async throws -> [FieldError] {
        guard admin.role == .admin else { throw ServiceError.notFound }
        let cleaned: [UInt8]
        switch LetterCrest.cleaned(png) {
        case .failure(let problem): return [FieldError(field: "crest", message: problem.description)]
        case .success(let bytes): cleaned = bytes
        }
        try await store.setCrest(cleaned, schoolID: admin.schoolID, sha256: TokenDigest.sha256(bytes: cleaned), by: Actor(admin), at: clock.now)
        return []
    }

    public func removeCrest(by admin: Account) async throws {
        guard admin.role == .admin else { throw ServiceError.notFound }
        try await store.setCrest(nil, schoolID: admin.schoolID, sha256: nil, by: Actor(admin), at: clock.now)
    }
}
