import Foundation

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
    func saveUpload(_ upload: StoredUpload, at: Date) async throws
    /// The upload, only if it belongs to this school.
    func upload(id: String, schoolID: Int64) async throws -> StoredUpload?
}
