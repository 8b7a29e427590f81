import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: LicenceStore {
    public func addLicence(_ licence: AddedLicence, requestID: Int64, by parent: Actor) async throws {
        try await writer.write { db in
            guard let record = try LeaveRequestRecord.filter(Column("id") == requestID && Column("parentId") == parent.accountID).fetchOne(db)
            else { throw StoreError.notFound }
            let request = try record.request()
            guard request.application.type == .performance else { throw StoreError.notFound }
            guard request.status.isOpen else { throw StoreError.notOpen(request.status) }
            let added = try Bool.fetchOne(db, sql: "SELECT 1 FROM requestLicence WHERE requestId = ?", arguments: [requestID]) == true
            guard !request.application.details.hasLicence, !added else { throw StoreError.alreadyDone }
            try db.execute(sql: """
                INSERT INTO requestLicence (schoolId, requestId, number, authority, dates, addedAt, addedById) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [request.schoolID, requestID, licence.number, licence.authority,
                                 licence.dates.map(\.iso).joined(separator: ","), licence.addedAt, parent.accountID])
            var event = AuditEventRecord(AuditEvent(schoolID: request.schoolID, actor: parent, action: .licenceAdded, requestID: requestID,
                                                    at: licence.addedAt,
                                                    detail: "licence \(licence.number) from \(licence.authority)"
                                                        + (licence.dates.isEmpty ? ", naming no dates" : ", naming \(licence.dates.count) dates")))
            try event.insert(db)
        }
    }

    public func addedLicence(requestID: Int64) async throws -> AddedLicence? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT number, authority, dates, addedAt FROM requestLicence WHERE requestId = ?", arguments: [requestID])
                .map { row in
                    let dates: String = row["dates"]
                    return AddedLicence(number: row["number"], authority: row["authority"],
                                        dates: dates.split(separator: ",").compactMap { SchoolDate(iso: $0) }, addedAt: row["addedAt"])
                }
        }
    }
}
