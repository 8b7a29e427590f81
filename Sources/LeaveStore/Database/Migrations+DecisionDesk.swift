import GRDB

extension AppDatabase {
    /// The headteacher's desk: the queue in order of urgency, and the steps taken before deciding.
    static func registerDecisionDeskMigrations(_ migrator: inout DatabaseMigrator) {
        // The deadline is worked out by the rules' review (it needs the calendar) and kept on the
        // request, so a page of the queue stays a range of one index. Requests sent before it have
        // none until the review that runs when the server starts.
        migrator.registerMigration("v16: decision deadlines, meetings and consultations") { db in
            try db.alter(table: "leaveRequest") { t in
                t.add(column: "decideBy", .text)
                t.add(column: "decideByBasis", .text)
            }
            try db.execute(sql: "DROP INDEX leaveRequest_queueOrder")
            try db.create(index: "leaveRequest_queueOrder", on: "leaveRequest",
                          columns: ["schoolId", "status", "decideBy", "startDate", "startSession", "submittedAt"])
            try db.create(table: "requestNote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("kind", .text).notNull()
                t.column("heldOn", .text).notNull()
                t.column("note", .text).notNull()
                t.column("recordedByName", .text).notNull()
                t.column("recordedAt", .datetime).notNull()
            }
            try db.create(index: "requestNote_request", on: "requestNote", columns: ["requestId"])
            try db.execute(sql: """
                CREATE TRIGGER requestNote_keep BEFORE DELETE ON requestNote
                  BEGIN SELECT RAISE(ABORT, 'a step taken towards a decision is kept'); END;
                CREATE TRIGGER requestNote_fixed BEFORE UPDATE ON requestNote
                  BEGIN SELECT RAISE(ABORT, 'a step taken towards a decision is stored unchanged'); END;
                """)
        }
        // A decision is never rewritten, but it can be amended or rescinded (000 "Register
        // amendments": the original, the new, why, when and who). Each change is a new decision
        // that names the one it supersedes; a decision is superseded once. The table is rebuilt
        // because `requestId` was unique; its rows, ids and the letters pointing at them stay.
        migrator.registerMigration("v17: decisions amended or rescinded") { db in
            try db.execute(sql: """
                DROP TRIGGER decision_keep;
                DROP TRIGGER decision_fixed;
                CREATE TABLE decision_new (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  schoolId INTEGER NOT NULL REFERENCES school(id),
                  requestId INTEGER NOT NULL REFERENCES leaveRequest(id),
                  outcome TEXT NOT NULL, reason TEXT NOT NULL,
                  deciderId INTEGER NOT NULL, deciderName TEXT NOT NULL, deciderRole TEXT NOT NULL, decidedAt DATETIME NOT NULL,
                  overrideReason TEXT, consultation TEXT, findings TEXT, grantedFrom TEXT, grantedTo TEXT,
                  supersedesId INTEGER UNIQUE REFERENCES decision_new(id),
                  amendment TEXT CHECK (amendment IN ('amended', 'rescinded')),
                  amendmentReason TEXT,
                  CHECK ((supersedesId IS NULL) = (amendment IS NULL))
                );
                INSERT INTO decision_new (id, schoolId, requestId, outcome, reason, deciderId, deciderName, deciderRole, decidedAt,
                                          overrideReason, consultation, findings, grantedFrom, grantedTo)
                  SELECT id, schoolId, requestId, outcome, reason, deciderId, deciderName, deciderRole, decidedAt,
                         overrideReason, consultation, findings, grantedFrom, grantedTo FROM decision;
                DROP TABLE decision;
                ALTER TABLE decision_new RENAME TO decision;
                CREATE INDEX decision_on_schoolId ON decision(schoolId);
                CREATE INDEX decision_school ON decision(schoolId);
                CREATE INDEX decision_request ON decision(requestId);
                CREATE TRIGGER decision_keep BEFORE DELETE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
                CREATE TRIGGER decision_fixed BEFORE UPDATE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are never edited'); END;
                DROP TRIGGER leaveRequest_status;
                CREATE TRIGGER leaveRequest_status BEFORE UPDATE OF status ON leaveRequest
                  WHEN NEW.status <> OLD.status AND OLD.status NOT IN ('awaiting-decision', 'evidence-requested')
                   AND NOT (OLD.status = 'granted' AND NEW.status = 'withdrawn' AND OLD.kind = 'lunchtime')
                   AND NOT EXISTS (SELECT 1 FROM decision WHERE decision.requestId = NEW.id AND decision.supersedesId IS NOT NULL
                                   AND decision.outcome = NEW.status
                                   AND decision.id = (SELECT MAX(latest.id) FROM decision AS latest WHERE latest.requestId = NEW.id))
                  BEGIN SELECT RAISE(ABORT, 'a decided or withdrawn request keeps its status'); END;
                """)
        }
        // The admin's record of a school's requests, newest first (the rowid ends each index, so a
        // page is a range read backwards), all of it or one kind of action, a page at a time.
        migrator.registerMigration("v18: the school's record, in pages") { db in
            try db.create(index: "auditEvent_school", on: "auditEvent", columns: ["schoolId"])
            try db.create(index: "auditEvent_schoolAction", on: "auditEvent", columns: ["schoolId", "action"])
        }
        // The rules' newest advice kept beside the request (it is also in requestEvaluation), so
        // the queue is counted by advice from an index and narrowed to one advice as it is read.
        migrator.registerMigration("v19: the advice beside each request") { db in
            try db.alter(table: "leaveRequest") { t in t.add(column: "recommendation", .text) }
            try db.execute(sql: """
                UPDATE leaveRequest SET recommendation = (SELECT recommendation FROM requestEvaluation
                  WHERE requestEvaluation.requestId = leaveRequest.id ORDER BY requestEvaluation.id DESC LIMIT 1)
                """)
            try db.create(index: "leaveRequest_advice", on: "leaveRequest", columns: ["schoolId", "status", "recommendation"])
        }
        // Issue 14: each letter as PDF, made once with its decision and kept unchanged with its hash.
        migrator.registerMigration("v20: letters as PDF") { db in
            try db.alter(table: "letter") { t in
                t.add(column: "pdf", .blob)
                t.add(column: "pdfSha256", .text)
            }
            try db.execute(sql: """
                CREATE TRIGGER letter_pdf_fixed BEFORE UPDATE OF pdf, pdfSha256 ON letter
                  BEGIN SELECT RAISE(ABORT, 'a letter is stored unchanged'); END;
                """)
        }
    }
}
