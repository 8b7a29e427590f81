import Foundation
import GRDB
import LeaveCore

/// Who ran an import and of what, for the record kept with each import.
public struct ImportRecord: Sendable {
    public let kind: String
    public let fileName: String
    public let actorName: String
    public let at: Date
    /// Problems found reading the file, before writing; the record's summary counts them too.
    public let fileProblems: Int

    public init(kind: String, fileName: String, actorName: String, at: Date, fileProblems: Int = 0) {
        self.kind = kind
        self.fileName = fileName
        self.actorName = actorName
        self.at = at
        self.fileProblems = fileProblems
    }
}

extension SQLiteStore: RegisterStore {
    public func importRegister(_ batch: RegisterBatch, schoolID: Int64, record: ImportRecord) async throws -> RegisterChanges {
        try await writer.write { db in
            let target = SQLiteImportTarget(db: db, schoolID: schoolID)
            var changes = RegisterChanges()
            for entry in batch.pupils {
                let saved = try target.savePupil(entry.pupil)
                changes.count(saved.outcome)
                let merged = entry.marks.isEmpty ? (added: 0, changed: 0) : try target.mergeMarks(entry.marks, pupilID: saved.id)
                changes.marksAdded += merged.added
                changes.marksChanged += merged.changed
                if saved.outcome != .unchanged || merged.added + merged.changed > 0 { changes.changedPupils.insert(saved.id) }
            }
            var unknownRows = 0
            for keyed in batch.marks {
                guard let pupilID = try target.pupilID(for: keyed.key) else {
                    changes.unknownPupils.append(keyed.key)
                    unknownRows += keyed.lines.count
                    continue
                }
                let merged = try target.mergeMarks(keyed.marks, pupilID: pupilID)
                changes.marksAdded += merged.added
                changes.marksChanged += merged.changed
                if merged.added + merged.changed > 0 { changes.changedPupils.insert(pupilID) }
            }
            let summary = RegisterChanges.summary(
                pupilsAdded: changes.pupilsAdded, pupilsUpdated: changes.pupilsUpdated, marksAdded: changes.marksAdded,
                marksChanged: changes.marksChanged, problems: record.fileProblems + unknownRows)
            try db.execute(sql: """
                INSERT INTO importRun (schoolId, at, kind, fileName, actorName, report) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, record.at, record.kind, record.fileName, record.actorName, summary])
            return changes
        }
    }

    public func attendanceHistory(pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory {
        try await writer.read { db in try Self.attendanceHistory(db, pupilID: pupilID, schoolID: schoolID) }
    }

    static func attendanceHistory(_ db: Database, pupilID: Int64, schoolID: Int64) throws -> AttendanceHistory {
        var marks: [SessionMark] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT date, session, code FROM attendanceMark WHERE pupilId = ? AND schoolId = ? ORDER BY date, session
            """), arguments: [pupilID, schoolID])
        while let row = try rows.next() {
            guard let date = SchoolDate(iso: row[0] as String), let session = Session(rawValue: row[1]),
                  let code = AttendanceCode(register: row[2] as String) else { continue }
            marks.append(SessionMark(date, session, code))
        }
        return AttendanceHistory(marks)
    }

    public func schools() async throws -> [School] {
        try await writer.read { db in try SchoolRecord.order(Column("id")).fetchAll(db).map(\.school) }
    }

    public func school(laCode: String, estab: String) async throws -> School? {
        try await writer.read { db in
            try SchoolRecord.filter(Column("laCode") == laCode && Column("estab") == estab).fetchOne(db)?.school
        }
    }

    public func importRuns(schoolID: Int64, offset: Int, limit: Int) async throws -> (runs: [ImportRun], total: Int) {
        try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM importRun WHERE schoolId = ?", arguments: [schoolID]) ?? 0
            let page = try Row.fetchAll(db, sql: "SELECT at, kind, fileName, actorName, report FROM importRun " + Self.importOrder + " LIMIT ? OFFSET ?",
                                        arguments: [schoolID, max(0, min(limit, 500)), max(0, offset)]).map {
                ImportRun(at: $0["at"], kind: $0["kind"], fileName: $0["fileName"], actorName: $0["actorName"], summary: $0["report"])
            }
            return (page, total)
        }
    }

    /// Newest first, along `importRun_school`.
    static let importOrder = "WHERE schoolId = ? ORDER BY id DESC"

    public func pupils(schoolID: Int64) async throws -> [Pupil] {
        try await writer.read { db in
            try PupilRecord.filter(Column("schoolId") == schoolID).order(Column("surname"), Column("forename")).fetchAll(db).map(\.pupil)
        }
    }
}

extension SQLiteStore {
    public func decidedLeave(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws -> [RegisterWriteBack.DecidedLeave] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: Self.decidedLeaveSQL, arguments: [schoolID, to.iso, from.iso]).compactMap { row in
                let item = try Self.requestWithPupil(row, answers: false)
                let d = LeaveRequestRecord.columnCount + 6
                guard let upn = row[LeaveRequestRecord.columnCount + 2] as String?,
                      let outcome = DecisionOutcome(rawValue: row[d]) else { return nil }
                return RegisterWriteBack.DecidedLeave(upn: upn, request: item.request, outcome: outcome,
                                                      grantedFrom: DecisionRecord.point(row[d + 1]), grantedTo: DecisionRecord.point(row[d + 2]))
            }
        }
    }
}
