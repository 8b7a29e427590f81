import GRDB

extension AppDatabase {
    /// Append-only: a migration that has shipped is never edited; changes come as new, named ones.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: trusts, schools, accounts, pupils, calendar") { db in
            try db.create(table: "trust") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
            }
            try db.create(table: "school") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("trust").notNull()
                t.column("name", .text).notNull()
                t.column("addressLines", .text).notNull().defaults(to: "")
                t.column("telephone", .text).notNull().defaults(to: "")
                t.column("email", .text).notNull().defaults(to: "")
                t.column("headteacherName", .text).notNull().defaults(to: "")
                t.uniqueKey(["trustId", "name"])
            }
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("email", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("displayName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("passwordHash", .text).notNull()
            }
            try db.create(table: "pupil") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("upn", .text)
                t.column("forename", .text).notNull()
                t.column("surname", .text).notNull()
                t.column("yearGroup", .integer).notNull()
                t.uniqueKey(["schoolId", "upn"])
            }
            try db.create(table: "parentPupil") { t in
                t.belongsTo("account", onDelete: .cascade).notNull()
                t.belongsTo("pupil", onDelete: .cascade).notNull()
                t.belongsTo("school").notNull()
                t.primaryKey(["accountId", "pupilId"])
            }
            try db.create(table: "term") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("name", .text).notNull()
                t.column("startDate", .text).notNull()
                t.column("endDate", .text).notNull()
                t.uniqueKey(["schoolId", "startDate"])
            }
            try db.create(table: "closure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("date", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull()
                t.uniqueKey(["schoolId", "date"])
            }
        }
        migrator.registerMigration("v1: requests, decisions, letters, audit") { db in
            try db.create(table: "leaveRequest") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("reference", .text).notNull().unique()
                t.belongsTo("pupil").notNull()
                t.column("parentId", .integer).notNull().references("account")
                t.column("kind", .text).notNull()
                t.column("purpose", .text).notNull()
                t.column("startDate", .text).notNull()
                t.column("startSession", .text).notNull()
                t.column("endDate", .text).notNull()
                t.column("endSession", .text).notNull()
                t.column("returnDate", .text).notNull()
                t.column("sessions", .integer).notNull()
                t.column("schoolDays", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("submittedAt", .datetime).notNull()
            }
            try db.create(index: "leaveRequest_queue", on: "leaveRequest", columns: ["schoolId", "status", "startDate"])
            try db.create(index: "leaveRequest_parent", on: "leaveRequest", columns: ["parentId", "submittedAt"])
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().unique().references("leaveRequest")
                t.column("outcome", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("deciderId", .integer).notNull()
                t.column("deciderName", .text).notNull()
                t.column("deciderRole", .text).notNull()
                t.column("decidedAt", .datetime).notNull()
            }
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("decisionId", .integer).notNull().unique().references("decision")
                t.column("html", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("printedAt", .datetime)
                t.column("printedById", .integer)
            }
            try db.create(index: "letter_waiting", on: "letter", columns: ["schoolId", "printedAt"])
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("at", .datetime).notNull()
                t.column("actorId", .integer).notNull()
                t.column("actorName", .text).notNull()
                t.column("actorRole", .text).notNull()
                t.column("action", .text).notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("detail", .text).notNull()
            }
            try db.create(index: "auditEvent_request", on: "auditEvent", columns: ["requestId", "at"])
            // The record must stand up to an inspection: what was asked and decided is never
            // removed, and a decision, a letter's text or an audit line is never rewritten.
            try db.execute(sql: """
                CREATE TRIGGER leaveRequest_keep BEFORE DELETE ON leaveRequest
                  BEGIN SELECT RAISE(ABORT, 'leave requests are never deleted'); END;
                CREATE TRIGGER decision_keep BEFORE DELETE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
                CREATE TRIGGER decision_fixed BEFORE UPDATE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are never edited'); END;
                CREATE TRIGGER letter_keep BEFORE DELETE ON letter
                  BEGIN SELECT RAISE(ABORT, 'letters are never deleted'); END;
                CREATE TRIGGER letter_fixed BEFORE UPDATE OF html, decisionId, requestId ON letter
                  BEGIN SELECT RAISE(ABORT, 'a letter is stored unchanged'); END;
                CREATE TRIGGER auditEvent_keep BEFORE DELETE ON auditEvent
                  BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
                CREATE TRIGGER auditEvent_fixed BEFORE UPDATE ON auditEvent
                  BEGIN SELECT RAISE(ABORT, 'audit events are never edited'); END;
                """)
        }
        migrator.registerMigration("v1: web sessions") { db in
            try db.create(table: "webSession") { t in
                t.primaryKey("key", .text)
                t.column("value", .blob).notNull()
                t.column("expiresAt", .double)
            }
        }
        registerAttendanceMigrations(&migrator)
        registerRulesMigrations(&migrator)
        registerFormMigrations(&migrator)
        registerPartialGrantMigrations(&migrator)
        registerEvaluationFigureMigrations(&migrator)
        registerSubmissionKeyMigrations(&migrator)
        registerActivityMigrations(&migrator)
        registerInvitationMigrations(&migrator)
        registerAccountLifecycleMigrations(&migrator)
        registerMailMigrations(&migrator)
        registerQueueMigrations(&migrator)
        registerDecisionDeskMigrations(&migrator)
        registerOfficeDeskMigrations(&migrator)
        registerSeveralServerMigrations(&migrator)
        registerFastPageMigrations(&migrator)
        return migrator
    }
}

extension AppDatabase {
    /// Attendance history and the fuller calendar, added for the rules and the MIS imports.
    static func registerAttendanceMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: attendance marks, assessments, religious days, MIS identities") { db in
            try db.alter(table: "school") { t in
                t.add(column: "laCode", .text)
                t.add(column: "estab", .text)
            }
            try db.alter(table: "pupil") { t in
                t.add(column: "misId", .text)
                t.add(column: "dateOfBirth", .text)
                t.add(column: "sex", .text)
            }
            try db.create(table: "pupilContact") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.belongsTo("pupil", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                t.column("relationship", .text).notNull().defaults(to: "")
                t.column("parentalResponsibility", .boolean).notNull().defaults(to: false)
                t.column("email", .text)
            }
            // One row per pupil and session; WITHOUT ROWID keeps a year of a school's marks compact.
            try db.execute(sql: """
                CREATE TABLE attendanceMark (
                  pupilId INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
                  date TEXT NOT NULL,
                  session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
                  code TEXT NOT NULL,
                  schoolId INTEGER NOT NULL REFERENCES school(id),
                  PRIMARY KEY (pupilId, date, session)
                ) WITHOUT ROWID
                """)
            try db.create(table: "assessmentPeriod") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("name", .text).notNull()
                t.column("yearGroups", .text).notNull()
                t.column("startDate", .text).notNull()
                t.column("endDate", .text).notNull()
                t.uniqueKey(["schoolId", "name", "startDate"])
            }
            try db.create(table: "religiousDay") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("religion", .text).notNull()
                t.column("name", .text).notNull()
                t.column("date", .text).notNull()
                t.uniqueKey(["schoolId", "religion", "date"])
            }
            try db.create(table: "importRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("actorName", .text).notNull()
                t.column("report", .text).notNull()
            }
        }
    }
}

extension AppDatabase {
    /// Each school's policy, each evaluation of a request, and what a decision overrode.
    static func registerRulesMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: school policies, evaluations, decision overrides") { db in
            try db.create(table: "schoolPolicy") { t in
                t.primaryKey("schoolId", .integer).references("school")
                t.column("preset", .text).notNull()
                t.column("overrides", .text).notNull().defaults(to: "{}")
                t.column("updatedAt", .datetime)
                t.column("updatedBy", .text)
            }
            try db.create(table: "requestEvaluation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("evaluatedAt", .datetime).notNull()
                t.column("recommendation", .text).notNull()
                t.column("findings", .text).notNull()
            }
            try db.create(index: "requestEvaluation_latest", on: "requestEvaluation", columns: ["requestId", "id"])
            try db.alter(table: "decision") { t in
                t.add(column: "overrideReason", .text)
                t.add(column: "consultation", .text)
                t.add(column: "findings", .text)
            }
        }
    }
}

extension AppDatabase {
    /// Requests from the declarative forms: their category and answers, linked siblings, and evidence files.
    static func registerFormMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: form answers, sibling groups, evidence uploads") { db in
            try db.alter(table: "leaveRequest") { t in
                t.add(column: "category", .text)
                t.add(column: "details", .text)
                t.add(column: "groupReference", .text)
            }
            try db.create(index: "leaveRequest_group", on: "leaveRequest", columns: ["groupReference"])
            try db.create(table: "upload") { t in
                t.primaryKey("id", .text)
                t.belongsTo("school").notNull()
                t.column("parentId", .integer).notNull().references("account")
                t.column("fileName", .text).notNull()
                t.column("contentType", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "requestUpload") { t in
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("uploadId", .text).notNull().references("upload")
                t.primaryKey(["requestId", "uploadId"])
            }
        }
    }
}

extension AppDatabase {
    /// A grant in part names the sessions granted.
    static func registerPartialGrantMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5: sessions granted by a grant in part") { db in
            try db.alter(table: "decision") { t in
                t.add(column: "grantedFrom", .text)
                t.add(column: "grantedTo", .text)
            }
        }
    }
}
