import Foundation
import GRDB
import LeaveCore

/// Who ran an import and of what, for the record kept with each import.
public struct ImportRecord: Sendable {
    public let kind: String
    public let fileName: String
    public let actorName: String
    public let at: Date

    public init(kind: String, fileName: String, actorName: String, at: Date) {
        self.kind = kind
        self.fileName = fileName
        self.actorName = actorName
        self.at = at
    }
}

extension SQLiteStore: RegisterStore {
    public func importRegister<Result: Sendable>(
        schoolID: Int64, record: ImportRecord,
        _ body: @Sendable (any RegisterImportTarget) throws -> Result,
        summary: @Sendable (Result) -> String
    ) async throws -> Result {
        try await writer.write { db in
            let result = try body(SQLiteImportTarget(db: db, schoolID: schoolID))
            try db.execute(sql: """
                INSERT INTO importRun (schoolId, at, kind, fileName, actorName, report) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, record.at, record.kind, record.fileName, record.actorName, summary(result)])
            return result
        }
    }

    public func attendanceHistory(pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory {
        try await writer.read { db in
            var marks: [SessionMark] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT date, session, code FROM attendanceMark WHERE pupilId = ? AND schoolId = ? ORDER BY date, session
                """, arguments: [pupilID, schoolID])
            while let row = try rows.next() {
                guard let date = SchoolDate(iso: row[0] as String), let session = Session(rawValue: row[1]),
                      let code = AttendanceCode(register: row[2] as String) else { continue }
                marks.append(SessionMark(date, session, code))
            }
            return AttendanceHistory(marks)
        }
    }

    public func schools() async throws -> [School] {
        try await writer.read { db in try SchoolRecord.order(Column("id")).fetchAll(db).map(\.school) }
    }

    public func school(laCode: String, estab: String) async throws -> School? {
        try await writer.read { db in
            try SchoolRecord.filter(Column("laCode") == laCode && Column("estab") == estab).fetchOne(db)?.school
        }
    }

    public func importRuns(schoolID: Int64, limit: Int) async throws -> [ImportRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, kind, fileName, actorName, report FROM importRun WHERE schoolId = ? ORDER BY at DESC, id DESC LIMIT ?
                """, arguments: [schoolID, limit]).map {
                ImportRun(at: $0["at"], kind: $0["kind"], fileName: $0["fileName"], actorName: $0["actorName"], summary: $0["report"])
            }
        }
    }

    public func pupils(schoolID: Int64) async throws -> [Pupil] {
        try await writer.read { db in
            try PupilRecord.filter(Column("schoolId") == schoolID).order(Column("surname"), Column("forename")).fetchAll(db).map(\.pupil)
        }
    }
}
