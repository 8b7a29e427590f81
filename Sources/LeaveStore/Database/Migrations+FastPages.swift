import GRDB

/// Issue 11, pages at a trust's scale: what a busy page would otherwise scan.
extension AppDatabase {
    static func registerFastPageMigrations(_ migrator: inout DatabaseMigrator) {
        // The queue's counts kept, not counted. Counting 5,000 waiting requests by advice passes
        // over 5,000 index entries on every view of the queue (about a millisecond, most of the
        // page's database time); triggers keep the same figures as one row each, in the same
        // transaction as the change, so they cannot drift from the requests they count.
        migrator.registerMigration("v29: requests counted by school, status and advice") { db in
            // No advice yet is kept as '' so that it is one key like any other.
            try db.execute(sql: """
                CREATE TABLE requestCount (
                  schoolId INTEGER NOT NULL, status TEXT NOT NULL, recommendation TEXT NOT NULL,
                  requests INTEGER NOT NULL,
                  PRIMARY KEY (schoolId, status, recommendation)) WITHOUT ROWID;
                INSERT INTO requestCount (schoolId, status, recommendation, requests)
                  SELECT schoolId, status, IFNULL(recommendation, ''), COUNT(*) FROM leaveRequest GROUP BY 1, 2, 3;
                CREATE TRIGGER requestCount_insert AFTER INSERT ON leaveRequest BEGIN
                  INSERT INTO requestCount (schoolId, status, recommendation, requests)
                    VALUES (NEW.schoolId, NEW.status, IFNULL(NEW.recommendation, ''), 1)
                    ON CONFLICT DO UPDATE SET requests = requests + 1;
                END;
                CREATE TRIGGER requestCount_update AFTER UPDATE OF schoolId, status, recommendation ON leaveRequest
                  WHEN OLD.schoolId IS NOT NEW.schoolId OR OLD.status IS NOT NEW.status OR OLD.recommendation IS NOT NEW.recommendation
                BEGIN
                  UPDATE requestCount SET requests = requests - 1
                    WHERE schoolId = OLD.schoolId AND status = OLD.status AND recommendation = IFNULL(OLD.recommendation, '');
                  INSERT INTO requestCount (schoolId, status, recommendation, requests)
                    VALUES (NEW.schoolId, NEW.status, IFNULL(NEW.recommendation, ''), 1)
                    ON CONFLICT DO UPDATE SET requests = requests + 1;
                END;
                CREATE TRIGGER requestCount_delete AFTER DELETE ON leaveRequest BEGIN
                  UPDATE requestCount SET requests = requests - 1
                    WHERE schoolId = OLD.schoolId AND status = OLD.status AND recommendation = IFNULL(OLD.recommendation, '');
                END;
                """)
        }
        // Every session write also clears the expired ones; without this index that was a scan of
        // every session there is (PostgreSQL's schema has had it from the start).
        migrator.registerMigration("v30: sessions by expiry") { db in
            try db.create(index: "webSession_expiry", on: "webSession", columns: ["expiresAt"])
        }
        // A school's deciders, found by their role: sending a request read every account of the
        // school to find them, parents included (a thousand at a large school).
        migrator.registerMigration("v31: accounts by school and role") { db in
            try db.create(index: "account_school_role", on: "account", columns: ["schoolId", "role"])
        }
        // A count of changes to any school's calendar, kept by triggers so that every writer (the
        // portal, a command run beside it) moves it: a server keeps calendars it has read while the
        // count is unchanged, rather than reading and working out a school's days on every page.
        migrator.registerMigration("v32: calendar changes counted") { db in
            try db.execute(sql: """
                CREATE TABLE calendarChange (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
                INSERT INTO calendarChange (id, counter) VALUES (1, 0);
                """)
            for table in CalendarCache.tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_counted AFTER \(event) ON \(table)
                        BEGIN UPDATE calendarChange SET counter = counter + 1 WHERE id = 1; END
                        """)
                }
            }
        }
    }
}
