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
    }
}
