import Foundation
import LeaveCore
import LeaveStore

/// Keeps the files parents send, outside public/, after checking what they really are:
/// the kind is read from the file's first bytes, never from its name.
public struct EvidenceFiles: Sendable {
    public let folder: String
    public let maxFileBytes: Int
    public let maxRequestBytes: Int
    public let store: any PortalStore
    /// The most one parent keeps on the portal in all, sent with every request they make.
    public let maxParentBytes: Int
    /// How long a file sent with a form that was never finished is kept.
    public static let unattachedLifetime: TimeInterval = 24 * 60 * 60

    public init(folder: String, maxFileBytes: Int, maxRequestBytes: Int, maxParentBytes: Int = 100 * 1_048_576, store: any PortalStore) {
        self.folder = folder
        self.maxFileBytes = maxFileBytes
        self.maxRequestBytes = maxRequestBytes
        self.maxParentBytes = maxParentBytes
        self.store = store
    }

    public enum Kind: String {
        case pdf, jpeg, png

        public var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }

        public static func of(_ data: Data) -> Kind? {
            let head = [UInt8](data.prefix(8))
            if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
            if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
            if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
            return nil
        }
    }

    /// Checks and keeps one file; returns the reference to it, or the message for the parent.
    /// The file belongs to `schoolID`, the school the form goes to, whose staff may open it.
    public func accept(_ file: UploadedFile, for question: Question, alreadySent: Int, parent: Account, schoolID: Int64, at: Date) async throws
        -> Result<RequestDetails.Evidence, FieldError> {
        let names = question.fileTypes.map { $0 == "jpeg" ? "JPG" : $0.uppercased() }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.first ?? ""
        guard file.data.count <= maxFileBytes else {
            return .failure(FieldError(field: question.id, message: "The selected file must be smaller than \(maxFileBytes / 1_048_576) MB"))
        }
        guard alreadySent + file.data.count <= maxRequestBytes else {
            return .failure(FieldError(field: question.id, message: "The files for one request must add up to \(maxRequestBytes / 1_048_576) MB or less"))
        }
        guard let kind = Kind.of(file.data), question.fileTypes.contains(kind.rawValue) else {
            return .failure(FieldError(field: question.id, message: "The selected file must be a \(list)"))
        }
        guard try await store.uploadedBytes(parentID: parent.id) + file.data.count <= maxParentBytes else {
            return .failure(FieldError(field: question.id, message: "You have sent \(maxParentBytes / 1_048_576) MB of files to the school, the most the portal keeps for one family. Remove files you no longer need, or ask the school office"))
        }
        let id = RandomToken.make()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = URL(fileURLWithPath: folder).appendingPathComponent(id).path
        guard FileManager.default.createFile(atPath: path, contents: file.data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let name = String(file.fileName.filter { !$0.isNewline && $0 != "\"" }.prefix(120))
        do {
            try await store.saveUpload(StoredUpload(id: id, schoolID: schoolID, parentID: parent.id,
                                                    fileName: name.isEmpty ? "evidence.\(kind.rawValue)" : name,
                                                    contentType: kind.contentType, size: file.data.count), by: Actor(parent), at: at)
        } catch {
            // A file with no record is one nobody could ever reach or remove.
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return .success(RequestDetails.Evidence(id: id, fileName: name.isEmpty ? "evidence.\(kind.rawValue)" : name))
    }

    public func data(of id: String) -> Data? {
        guard RandomToken.isWellFormed(id) else { return nil }
        return FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent(id).path)
    }

    /// The parent takes back a file sent with a form not yet sent: the record and the bytes go.
    public func remove(_ id: String, parent: Account, at: Date) async throws -> Bool {
        guard RandomToken.isWellFormed(id),
              try await store.removeUpload(id: id, parentID: parent.id, by: Actor(parent), at: at)
        else { return false }
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).appendingPathComponent(id).path)
        return true
    }

    /// Files sent with forms never finished, kept a day in case the parent comes back, then removed.
    @discardableResult
    public func sweep(now: Date) async throws -> Int {
        let removed = try await store.sweepUnattachedUploads(before: now.addingTimeInterval(-Self.unattachedLifetime), at: now)
        for upload in removed where RandomToken.isWellFormed(upload.id) {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).appendingPathComponent(upload.id).path)
        }
        return removed.count
    }
}
