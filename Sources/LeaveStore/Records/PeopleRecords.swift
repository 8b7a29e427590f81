import Foundation
import GRDB
import LeaveCore

struct AccountRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "account"
    var id: Int64?
    var schoolId: Int64
    var email: String
    var displayName: String
    var role: String
    var passwordHash: String
    var deactivatedAt: Date? = nil
    var sessionsValidFrom: Date? = nil

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var account: Account? {
        guard let id, let role = Role(rawValue: role) else { return nil }
        return Account(id: id, schoolID: schoolId, email: email, displayName: displayName, role: role,
                       deactivatedAt: deactivatedAt, sessionsValidFrom: sessionsValidFrom)
    }
}

struct PupilRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "pupil"
    var id: Int64?
    var schoolId: Int64
    var upn: String?
    var forename: String
    var surname: String
    var yearGroup: Int
    var misId: String? = nil
    var dateOfBirth: String? = nil
    var sex: String? = nil

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var pupil: Pupil {
        Pupil(id: id!, schoolID: schoolId, forename: forename, surname: surname,
              yearGroup: YearGroup(yearGroup) ?? .reception)
    }
}

struct ParentPupilRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "parentPupil"
    var accountId: Int64
    var pupilId: Int64
    var schoolId: Int64
}
