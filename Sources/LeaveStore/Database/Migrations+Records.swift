import GRDB

/// Migrations of the application layer and its hardening: evaluations kept with their figures,
/// submissions made once, the record's transitions enforced, the school's activity, and the
/// queue's order as an index.
extension AppDatabase {
    /// An evaluation keeps its figures too, so pages read what the rules said instead of running them.
    static func registerEvaluationFigureMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6: evaluation figures, open requests by pupil") { db in
            try db.alter(table: "requestEvaluation") { t in
                t.add(column: "sessions", .integer)
                t.add(column: "schoolDays", .integer)
                t.add(column: "attendanceToDate", .double)
                t.add(column: "projectedAttendance", .double)
                t.add(column: "registerCode", .text)
            }
            try db.create(index: "leaveRequest_pupil_status", on: "leaveRequest", columns: ["schoolId", "pupilId", "status"])
        }
    }
}

extension AppDatabase {
    /// A form sent twice makes its requests once: each sending carries its draft's key.
    static func registerSubmissionKeyMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: submission keys") { db in
            try db.alter(table: "leaveRequest") { t in t.add(column: "submissionKey", .text) }
            try db.create(index: "leaveRequest_submissionKey", on: "leaveRequest", columns: ["parentId", "submissionKey"])
        }
        // The transitions the record allows, enforced by the database as deletions already are:
        // a request is decided or withdrawn once (a granted lunchtime permission can still be
        // stopped by the parent), its facts never change, and a letter is marked printed once.
        migrator.registerMigration("v7: request and letter transitions") { db in
            try db.execute(sql: """
                CREATE TRIGGER leaveRequest_status BEFORE UPDATE OF status ON leaveRequest
                  WHEN NEW.status <> OLD.status AND OLD.status <> 'awaiting-decision'
                   AND NOT (OLD.status = 'granted' AND NEW.status = 'withdrawn' AND OLD.kind = 'lunchtime')
                  BEGIN SELECT RAISE(ABORT, 'a decided or withdrawn request keeps its status'); END;
                CREATE TRIGGER leaveRequest_fixed BEFORE UPDATE OF schoolId, reference, pupilId, parentId, kind, purpose,
                  startDate, startSession, endDate, endSession, returnDate, sessions, schoolDays, submittedAt, category, details
                  ON leaveRequest
                  BEGIN SELECT RAISE(ABORT, 'a request is stored unchanged'); END;
                CREATE TRIGGER letter_printedOnce BEFORE UPDATE OF printedAt ON letter
                  WHEN OLD.printedAt IS NOT NULL
                  BEGIN SELECT RAISE(ABORT, 'a letter is marked printed once'); END;
                """)
        }
    }
}

extension AppDatabase {
    /// The school's record of what is not about one request, kept like the request audit.
    static func registerActivityMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: school activity, heartbeat") { db in
            try db.create(table: "activity") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("schoolId", .integer).references("school")
                t.column("at", .datetime).notNull()
                t.column("actorId", .integer)
                t.column("actorName", .text)
                t.column("actorRole", .text)
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(index: "activity_school", on: "activity", columns: ["schoolId", "id"])
            try db.execute(sql: """
                CREATE TRIGGER activity_keep BEFORE DELETE ON activity
                  BEGIN SELECT RAISE(ABORT, 'the record is never deleted'); END;
                CREATE TRIGGER activity_fixed BEFORE UPDATE ON activity
                  BEGIN SELECT RAISE(ABORT, 'the record is never edited'); END;
                """)
            // One row, written by `GET /health` to prove the database still takes writes.
            try db.create(table: "heartbeat") { t in
                t.primaryKey("id", .integer)
                t.column("at", .datetime).notNull()
            }
        }
    }
}

extension AppDatabase {
    /// A page of the decision queue is a range of this index, never a sort.
    static func registerQueueMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13: the queue's order as an index") { db in
            try db.create(index: "leaveRequest_queueOrder", on: "leaveRequest",
                          columns: ["schoolId", "status", "startDate", "startSession", "submittedAt"])
        }
        // Every list that grows with time, fifty at a time, each page a range of one index.
        // (A table's rowid ends every index, so "newest first" by id needs no column of its own.)
        migrator.registerMigration("v14: every long list in pages") { db in
            try db.create(index: "leaveRequest_parentPupil", on: "leaveRequest", columns: ["parentId", "pupilId", "submittedAt"])
            try db.create(index: "decision_school", on: "decision", columns: ["schoolId"])
            try db.create(index: "importRun_school", on: "importRun", columns: ["schoolId"])
            try db.execute(sql: "CREATE INDEX invitation_list ON invitation(schoolId, role = 'parent')")
        }
        // A request can go back to the parent for evidence and come back, any number of times,
        // before it is decided; each ask and its answer are kept.
        migrator.registerMigration("v15: evidence asked for") { db in
            try db.execute(sql: """
                DROP TRIGGER leaveRequest_status;
                CREATE TRIGGER leaveRequest_status BEFORE UPDATE OF status ON leaveRequest
                  WHEN NEW.status <> OLD.status AND OLD.status NOT IN ('awaiting-decision', 'evidence-requested')
                   AND NOT (OLD.status = 'granted' AND NEW.status = 'withdrawn' AND OLD.kind = 'lunchtime')
                  BEGIN SELECT RAISE(ABORT, 'a decided or withdrawn request keeps its status'); END;
                """)
            try db.create(table: "evidenceAsk") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("note", .text).notNull()
                t.column("askedAt", .datetime).notNull()
                t.column("askedByName", .text).notNull()
                t.column("answeredAt", .datetime)
                t.column("answer", .text)
            }
            try db.create(index: "evidenceAsk_request", on: "evidenceAsk", columns: ["requestId"])
            try db.create(index: "leaveRequest_evidenceWaiting", on: "leaveRequest", columns: ["schoolId", "status", "submittedAt"])
            try db.execute(sql: """
                CREATE TRIGGER evidenceAsk_keep BEFORE DELETE ON evidenceAsk
                  BEGIN SELECT RAISE(ABORT, 'what was asked of a parent is kept'); END;
                CREATE TRIGGER evidenceAsk_answeredOnce BEFORE UPDATE ON evidenceAsk
                  WHEN OLD.answeredAt IS NOT NULL OR NEW.note <> OLD.note OR NEW.askedAt <> OLD.askedAt
                  BEGIN SELECT RAISE(ABORT, 'an ask is answered once and never rewritten'); END;
                """)
        }
    }
}
