import GRDB

/// The office's day (issue 14): parents' postal addresses for the envelope window, the
/// register write-back marked exported, lunchtime signing out and in, the school's crest.
extension AppDatabase {
    static func registerOfficeDeskMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v21: contacts' postal addresses") { db in
            // Lines joined by a newline, postcode last, as the MIS gave them.
            try db.alter(table: "pupilContact") { t in t.add(column: "address", .text) }
            try db.create(index: "pupilContact_email", on: "pupilContact", columns: ["pupilId", "email"])
        }
        migrator.registerMigration("v22: register exports") { db in
            try db.create(table: "registerExport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("fromDate", .text).notNull()
                t.column("toDate", .text).notNull()
                t.column("exportedAt", .datetime).notNull()
                t.column("actorId", .integer)
                t.column("actorName", .text).notNull()
                t.column("entries", .integer).notNull()
                t.column("csvSha256", .text).notNull()
            }
            // Each session as it was exported, code included, so a decision changed since shows.
            try db.create(table: "registerExportEntry") { t in
                t.column("exportId", .integer).notNull().references("registerExport")
                t.column("schoolId", .integer).notNull()
                t.column("upn", .text).notNull()
                t.column("date", .text).notNull()
                t.column("session", .text).notNull()
                t.column("code", .text).notNull()
                t.column("reference", .text).notNull()
                t.column("onlyIfAbsent", .boolean).notNull()
            }
            try db.create(index: "registerExportEntry_session", on: "registerExportEntry", columns: ["schoolId", "date", "upn", "session"])
            try db.execute(sql: """
                CREATE TRIGGER registerExport_kept BEFORE DELETE ON registerExport
                  BEGIN SELECT RAISE(ABORT, 'an export is part of the record'); END;
                CREATE TRIGGER registerExportEntry_kept BEFORE UPDATE ON registerExportEntry
                  BEGIN SELECT RAISE(ABORT, 'an export is part of the record'); END;
                """)
        }
        migrator.registerMigration("v23: lunchtime signing out and in") { db in
            try db.create(table: "lunchtimeSignOut") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().references("leaveRequest")
                t.column("pupilId", .integer).notNull().references("pupil")
                t.column("date", .text).notNull()
                t.column("outAt", .datetime).notNull()
                t.column("collectedBy", .text).notNull()
                t.column("outByName", .text).notNull()
                // The time the child was due back when signed out, so a later change of the
                // school's setting does not rewrite whether they were late.
                t.column("dueBackMinutes", .integer).notNull()
                t.column("inAt", .datetime)
                t.column("inByName", .text)
                t.uniqueKey(["requestId", "date"])
            }
            try db.create(index: "lunchtimeSignOut_day", on: "lunchtimeSignOut", columns: ["schoolId", "date"])
            try db.create(index: "lunchtimeSignOut_pupil", on: "lunchtimeSignOut", columns: ["pupilId", "date"])
        }
        migrator.registerMigration("v24: school crests") { db in
            try db.create(table: "schoolCrest") { t in
                t.column("schoolId", .integer).primaryKey().references("school")
                t.column("png", .blob).notNull()
                t.column("sha256", .text).notNull()
                t.column("uploadedAt", .datetime).notNull()
            }
        }
        // The decision e-mail carries the decision's letter as PDF, read from the letter when sent.
        migrator.registerMigration("v25: e-mails with their letter") { db in
            try db.alter(table: "outbox") { t in t.add(column: "letterId", .integer).references("letter") }
        }
        // A letter that asks for evidence belongs to no decision (issue 14): the letters table
        // is rebuilt with decisionId optional and each letter's kind, keeping every letter, its
        // id, and the rules that it is never deleted or rewritten and is printed once.
        migrator.registerMigration("v26: letters that ask for evidence") { db in
            try db.execute(sql: """
                CREATE TABLE letterRebuilt (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  schoolId INTEGER NOT NULL REFERENCES school(id),
                  requestId INTEGER NOT NULL REFERENCES leaveRequest(id),
                  decisionId INTEGER UNIQUE REFERENCES decision(id),
                  kind TEXT NOT NULL DEFAULT 'decision',
                  html TEXT NOT NULL,
                  createdAt DATETIME NOT NULL,
                  printedAt DATETIME,
                  printedById INTEGER,
                  pdf BLOB,
                  pdfSha256 TEXT);
                INSERT INTO letterRebuilt (id, schoolId, requestId, decisionId, kind, html, createdAt, printedAt, printedById, pdf, pdfSha256)
                  SELECT id, schoolId, requestId, decisionId, 'decision', html, createdAt, printedAt, printedById, pdf, pdfSha256 FROM letter;
                DROP TABLE letter;
                ALTER TABLE letterRebuilt RENAME TO letter;
                CREATE INDEX letter_waiting ON letter(schoolId, printedAt);
                CREATE INDEX letter_request ON letter(requestId);
                CREATE TRIGGER letter_keep BEFORE DELETE ON letter
                  BEGIN SELECT RAISE(ABORT, 'letters are never deleted'); END;
                CREATE TRIGGER letter_fixed BEFORE UPDATE OF html, decisionId, requestId, kind ON letter
                  BEGIN SELECT RAISE(ABORT, 'a letter is stored unchanged'); END;
                CREATE TRIGGER letter_printedOnce BEFORE UPDATE OF printedAt ON letter
                  WHEN OLD.printedAt IS NOT NULL
                  BEGIN SELECT RAISE(ABORT, 'a letter is marked printed once'); END;
                CREATE TRIGGER letter_pdf_fixed BEFORE UPDATE OF pdf, pdfSha256 ON letter
                  BEGIN SELECT RAISE(ABORT, 'a letter is stored unchanged'); END;
                """)
        }
        // Issue 15: a performance sent before its licence was issued gets the licence added later;
        // the request itself stays as it was sent, the licence beside it.
        migrator.registerMigration("v27: licences added later") { db in
            try db.create(table: "requestLicence") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("requestId", .integer).notNull().unique().references("leaveRequest")
                t.column("number", .text).notNull()
                t.column("authority", .text).notNull()
                t.column("dates", .text).notNull()
                t.column("addedAt", .datetime).notNull()
                t.column("addedById", .integer).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER requestLicence_kept BEFORE DELETE ON requestLicence
                  BEGIN SELECT RAISE(ABORT, 'a licence added to a request is kept'); END;
                CREATE TRIGGER requestLicence_fixed BEFORE UPDATE ON requestLicence
                  BEGIN SELECT RAISE(ABORT, 'a licence added to a request is kept as it was added'); END;
                """)
        }
    }
}
