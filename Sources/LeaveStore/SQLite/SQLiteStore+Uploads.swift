import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: UploadStore {
    public func saveUpload(_ upload: StoredUpload, by parent: Actor, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO upload (id, schoolId, parentId, fileName, contentType, size, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [upload.id, upload.schoolID, upload.parentID, upload.fileName, upload.contentType, upload.size, at])
            try Self.record(SchoolActivity(schoolID: upload.schoolID, actor: parent, action: .evidenceUploaded, at: at,
                                           detail: Self.describe(upload)), in: db)
        }
    }

    public func upload(id: String, schoolID: Int64) async throws -> StoredUpload? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ? AND schoolId = ?", arguments: [id, schoolID]).map(Self.upload)
        }
    }

    public func upload(id: String, parentID: Int64) async throws -> StoredUpload? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ? AND parentId = ?", arguments: [id, parentID]).map(Self.upload)
        }
    }

    public func removeUpload(id: String, parentID: Int64, by parent: Actor, at: Date) async throws -> Bool {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM upload WHERE id = ? AND parentId = ?
                  AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                """, arguments: [id, parentID]) else { return false }
            let upload = Self.upload(row)
            try db.execute(sql: "DELETE FROM upload WHERE id = ?", arguments: [id])
            try Self.record(SchoolActivity(schoolID: upload.schoolID, actor: parent, action: .evidenceRemoved, at: at,
                                           detail: Self.describe(upload)), in: db)
            return true
        }
    }

    public func uploadedBytes(parentID: Int64) async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM upload WHERE parentId = ?", arguments: [parentID]) ?? 0 }
    }

    public func sweepUnattachedUploads(before cutoff: Date, at: Date) async throws -> [StoredUpload] {
        try await writer.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM upload WHERE createdAt < ? AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                LIMIT 1000
                """, arguments: [cutoff])
            let uploads = rows.map(Self.upload)
            for upload in uploads {
                try db.execute(sql: "DELETE FROM upload WHERE id = ?", arguments: [upload.id])
                try Self.record(SchoolActivity(schoolID: upload.schoolID, actor: nil, action: .evidenceRemoved, at: at,
                                               detail: Self.describe(upload) + ", sent with a form never finished"), in: db)
            }
            return uploads
        }
    }

    static func upload(_ row: Row) -> StoredUpload {
        StoredUpload(id: row["id"], schoolID: row["schoolId"], parentID: row["parentId"], fileName: row["fileName"],
                     contentType: row["contentType"], size: row["size"])
    }

    static func describe(_ upload: StoredUpload) -> String {
        "\(upload.fileName) (\(upload.contentType), \(upload.size) bytes)"
    }
}
