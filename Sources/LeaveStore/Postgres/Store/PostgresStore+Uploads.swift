import Foundation
import LeaveCore

extension PostgresStore: UploadStore {
    public func saveUpload(_ upload: StoredUpload, by parent: Actor, at: Date) async throws {
        try await database.write { sql in
            try await sql.execute("""
                INSERT INTO upload (id, schoolId, parentId, fileName, contentType, size, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [upload.id, upload.schoolID, upload.parentID, upload.fileName, upload.contentType, upload.size, at])
            try await Self.record(SchoolActivity(schoolID: upload.schoolID, actor: parent, action: .evidenceUploaded, at: at,
                                                 detail: Self.describe(upload)), in: sql)
        }
    }

    public func upload(id: String, schoolID: Int64) async throws -> StoredUpload? {
        try await database.read { sql in
            try await sql.row("SELECT * FROM upload WHERE id = ? AND schoolId = ?", [id, schoolID]).map { try Self.upload($0) }
        }
    }

    public func upload(id: String, parentID: Int64) async throws -> StoredUpload? {
        try await database.read { sql in
            try await sql.row("SELECT * FROM upload WHERE id = ? AND parentId = ?", [id, parentID]).map { try Self.upload($0) }
        }
    }

    public func removeUpload(id: String, parentID: Int64, by parent: Actor, at: Date) async throws -> Bool {
        try await database.write { sql in
            guard let row = try await sql.row("""
                SELECT * FROM upload WHERE id = ? AND parentId = ?
                  AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                """, [id, parentID]) else { return false }
            let upload = try Self.upload(row)
            try await sql.execute("DELETE FROM upload WHERE id = ?", [id])
            try await Self.record(SchoolActivity(schoolID: upload.schoolID, actor: parent, action: .evidenceRemoved, at: at,
                                                 detail: Self.describe(upload)), in: sql)
            return true
        }
    }

    public func uploadedBytes(parentID: Int64) async throws -> Int {
        try await database.read { sql in
            // SUM of bigint is numeric in PostgreSQL: cast back, to read it as a whole number.
            let bytes = try await sql.value(Int64.self, "SELECT COALESCE(SUM(size), 0)::bigint FROM upload WHERE parentId = ?", [parentID]) ?? 0
            return Int(bytes)
        }
    }

    public func sweepUnattachedUploads(before cutoff: Date, at: Date) async throws -> [StoredUpload] {
        try await database.write { sql in
            let rows = try await sql.rows("""
                SELECT * FROM upload WHERE createdAt < ? AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                LIMIT 1000
                """, [cutoff])
            let uploads = try rows.map { try Self.upload($0) }
            for upload in uploads {
                try await sql.execute("DELETE FROM upload WHERE id = ?", [upload.id])
                try await Self.record(SchoolActivity(schoolID: upload.schoolID, actor: nil, action: .evidenceRemoved, at: at,
                                                     detail: Self.describe(upload) + ", sent with a form never finished"), in: sql)
            }
            return uploads
        }
    }

    static func upload(_ row: SQLRow) throws -> StoredUpload {
        StoredUpload(id: try row["id", String.self], schoolID: try row["schoolId", Int64.self], parentID: try row["parentId", Int64.self],
                     fileName: try row["fileName", String.self], contentType: try row["contentType", String.self],
                     size: Int(try row["size", Int64.self]))
    }

    static func describe(_ upload: StoredUpload) -> String {
        "\(upload.fileName) (\(upload.contentType), \(upload.size) bytes)"
    }
}
