import Foundation
import LeaveCore

extension PostgresStore: LicenceStore {
    public func addLicence(_ licence: AddedLicence, requestID: Int64, by parent: Actor) async throws {
        do {
            try await database.write { sql in
                guard let record = try await sql.record(LeaveRequestRecord.self, "SELECT * FROM leaveRequest WHERE id = ? AND parentId = ?",
                                                        [requestID, parent.accountID])
                else { throw StoreError.notFound }
                let request = try record.request()
                guard request.application.type == .performance else { throw StoreError.notFound }
                guard request.status.isOpen else { throw StoreError.notOpen(request.status) }
                let added = try await sql.row("SELECT 1 FROM requestLicence WHERE requestId = ?", [requestID]) != nil
                guard !request.application.details.hasLicence, !added else { throw StoreError.alreadyDone }
                try await sql.execute("""
                    INSERT INTO requestLicence (schoolId, requestId, number, authority, dates, addedAt, addedById) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [request.schoolID, requestID, licence.number, licence.authority,
                          licence.dates.map(\.iso).joined(separator: ","), licence.addedAt, parent.accountID])
                let event = AuditEventRecord(AuditEvent(schoolID: request.schoolID, actor: parent, action: .licenceAdded, requestID: requestID,
                                                        at: licence.addedAt,
                                                        detail: "licence \(licence.number) from \(licence.authority)"
                                                            + (licence.dates.isEmpty ? ", naming no dates" : ", naming \(licence.dates.count) dates")))
                try await sql.insert(event, into: "auditEvent")
            }
        } catch where PostgresDatabase.isUniqueViolation(error) {
            // The same licence sent twice at once (`requestLicence.requestId` is UNIQUE): the second finds it added.
            throw StoreError.alreadyDone
        }
    }

    public func addedLicence(requestID: Int64) async throws -> AddedLicence? {
        try await database.read { sql in
            guard let row = try await sql.row("SELECT number, authority, dates, addedAt FROM requestLicence WHERE requestId = ?", [requestID])
            else { return nil }
            let dates = try row["dates", String.self]
            return AddedLicence(number: try row["number", String.self], authority: try row["authority", String.self],
                                dates: dates.split(separator: ",").compactMap { SchoolDate(iso: $0) }, addedAt: try row["addedAt", Date.self])
        }
    }
}
