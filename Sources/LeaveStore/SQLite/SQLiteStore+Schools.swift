import GRDB
import LeaveCore

extension SQLiteStore: SchoolStore, PupilStore {
    public func school(id: Int64) async throws -> School? {
        try await writer.read { db in try SchoolRecord.fetchOne(db, key: id)?.school }
    }

    public func calendar(schoolID: Int64) async throws -> SchoolCalendar {
        try await writer.read { db in
            let terms = try TermRecord.filter(Column("schoolId") == schoolID).fetchAll(db).compactMap(\.term)
            let closures = try ClosureRecord.filter(Column("schoolId") == schoolID).fetchAll(db).compactMap(\.closure)
            return SchoolCalendar(terms: terms, closures: closures)
        }
    }

    public func children(ofParent parentID: Int64) async throws -> [Pupil] {
        try await writer.read { db in
            try PupilRecord.fetchAll(db, sql: """
                SELECT pupil.* FROM pupil
                JOIN parentPupil ON parentPupil.pupilId = pupil.id AND parentPupil.schoolId = pupil.schoolId
                WHERE parentPupil.accountId = ?
                ORDER BY pupil.yearGroup DESC, pupil.forename
                """, arguments: [parentID]).map(\.pupil)
        }
    }

    public func pupil(id: Int64, schoolID: Int64) async throws -> Pupil? {
        try await writer.read { db in
            try PupilRecord.filter(Column("id") == id && Column("schoolId") == schoolID).fetchOne(db)?.pupil
        }
    }
}
