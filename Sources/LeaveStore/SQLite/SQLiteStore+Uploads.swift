import Foundation
import GRDB

extension SQLiteStore: UploadStore {
    public func saveUpload(_ upload: StoredUpload, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO upload (id, schoolId, parentId, fileName, contentType, size, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [upload.id, upload.schoolID, upload.parentID, upload.fileName, upload.contentType, upload.size, at])
        }
    }

    public func upload(id: String, schoolID: Int64) async throws -> StoredUpload? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ? AND schoolId = ?", arguments: [id, schoolID]).map {
                StoredUpload(id: $0["id"], schoolID: $0["schoolId"], parentID: $0["parentId"], fileName: $0["fileName"],
                             contentType: $0["contentType"], size: $0["size"])
            }
        }
    }
}
