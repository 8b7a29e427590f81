import Foundation
import LeaveCore

/// A file a parent sent as evidence: the record of it. The bytes live in the uploads folder,
/// outside public/, under the same id.
public struct StoredUpload: Hashable, Sendable {
    public let id: String
    public let schoolID: Int64
    public let parentID: Int64
    public let fileName: String
    public let contentType: String
    public let size: Int

    public init(id: String, schoolID: Int64, parentID: Int64, fileName: String, contentType: String, size: Int) {
        self.id = id
        self.schoolID = schoolID
        self.parentID = parentID
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
    }
}

public protocol UploadStore: Sendable {
    func saveUpload(_ upload: StoredUpload, by parent: Actor, at: Date) async throws
    /// The upload, only if it belongs to this school.
    func upload(id: String, schoolID: Int64) async throws -> StoredUpload?
    /// The upload, only if this parent sent it.
    func upload(id: String, parentID: Int64) async throws -> StoredUpload?
    /// Removes the parent's own upload, unless a request already carries it (evidence sent stays
    /// with its request); true when it was removed, so its file can go too.
    func removeUpload(id: String, parentID: Int64, by parent: Actor, at: Date) async throws -> Bool
    /// What the parent keeps on the portal in all, for their quota.
    func uploadedBytes(parentID: Int64) async throws -> Int
    /// Removes uploads no request carries that were made before `cutoff` (a form left unfinished)
    /// and returns them, so their files can go too.
    func sweepUnattachedUploads(before cutoff: Date, at: Date) async throws -> [StoredUpload]
}
