import Crypto
import Foundation
import GRDB
import PostgresNIO

/// Moves a school's SQLite file into an empty PostgreSQL database, when it outgrows one machine.
///
/// Everything is read from one snapshot of the SQLite file and written in one PostgreSQL
/// transaction: the copy is whole or nothing. Each table is then checked twice over: its row
/// count, and a checksum of every row read back from PostgreSQL against the same checksum of the
/// rows read from SQLite (SHA-256 of each row's values, summed, so the order rows come back in
/// does not matter). Ids are kept, and each table's identity continues after the largest.
public enum StoreCopy {
    /// Every table, parents before the tables that point at them.
    static let tables = [
        "trust", "school", "account", "pupil", "parentPupil", "term", "closure", "leaveRequest", "auditEvent", "webSession",
        "pupilContact", "attendanceMark", "assessmentPeriod", "religiousDay", "importRun", "schoolPolicy", "requestEvaluation",
        "upload", "requestUpload", "activity", "heartbeat", "decision", "letter", "outbox", "invitation", "passwordReset",
        "schoolNotification", "evidenceAsk", "requestNote", "registerExport", "registerExportEntry", "lunchtimeSignOut",
        "schoolCrest", "requestLicence", "signInAttempt",
    ]

    /// SQLite's tables that its triggers fill from the others (the requests counted by school,
    /// status and advice; the count of calendar changes); PostgreSQL counts from its index
    /// instead, and reads calendars afresh, so they are not copied.
    static let derivedInSQLite: Set = ["requestCount", "calendarChange"]

    public struct TableReport: Sendable, Equatable {
        public let table: String
        public let rows: Int
        public let checksum: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies, checks and gives each table's rows and checksum. Throws, having written nothing,
    /// when the target holds data already, a value cannot be read as its column's type, or a check fails.
    public static func copy(from source: AppDatabase, to target: PostgresDatabase) async throws -> [TableReport] {
        guard let pool = source.writer as? DatabasePool else { throw Failure(description: "the SQLite database must be a file") }
        let snapshot = try pool.makeSnapshot()
        let sourceTables = try await snapshot.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"))
        }
        let unknown = sourceTables.subtracting(tables).subtracting(derivedInSQLite)
        guard unknown.isEmpty else {
            throw Failure(description: "the SQLite file has tables this version does not know (\(unknown.sorted().joined(separator: ", "))): copy it with the version that made it")
        }
        return try await target.write { sql in
            for table in tables where try await sql.value(Int64.self, "SELECT 1 FROM \(table) LIMIT 1") != nil {
                throw Failure(description: "the PostgreSQL database already holds data (table \(table)): copy into an empty database made with `leave-portal migrate`")
            }
            var reports: [TableReport] = []
            for table in tables {
                let columns = try await targetColumns(table, sql)
                let written = try await copyTable(table, columns: columns, from: snapshot, to: sql)
                if columns.contains(where: { $0.name == "id" && $0.type == .integer }) && table != "heartbeat" {
                    try await sql.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(table)")
                }
                let readBack = try await checksumInTarget(table, columns: columns, sql)
                guard readBack.rows == written.rows, readBack.sum == written.sum else {
                    throw Failure(description: "table \(table): \(written.rows) rows read from SQLite, \(readBack.rows) found in PostgreSQL, checksums "
                                  + "\(written.sum.text) and \(readBack.sum.text): nothing was copied")
                }
                reports.append(TableReport(table: table, rows: written.rows, checksum: written.sum.text))
            }
            return reports
        }
    }

    // MARK: Columns

    enum ColumnType { case integer, text, moment, flag, bytes, real }

    struct Column {
        let name: String
        let type: ColumnType
    }

    static func targetColumns(_ table: String, _ sql: PostgresSQL) async throws -> [Column] {
        try await sql.rows("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
            """, [table.lowercased()]).map { row in
            let type: ColumnType = switch try row[1, String.self] {
            case "bigint", "integer", "smallint": .integer
            case "timestamp with time zone": .moment
            case "boolean": .flag
            case "bytea": .bytes
            case "double precision", "real": .real
            default: .text
            }
            return Column(name: try row[0, String.self], type: type)
        }
    }

    // MARK: Copying

    /// Rows a statement at a time; a statement's values stay well under PostgreSQL's 65,535.
    static let rowsPerStatement = 1_000

    private static func copyTable(_ table: String, columns: [Column], from snapshot: DatabaseSnapshot,
                                  to sql: PostgresSQL) async throws -> (rows: Int, sum: RowSum) {
        let order = try await snapshot.read { db in try keyColumns(table, db) }
        var sum = RowSum()
        var rows = 0
        var after: [DatabaseValue]?
        let batchSize = max(1, min(rowsPerStatement, 30_000 / max(columns.count, 1)))
        let names = columns.map(\.name)
        while true {
            let resumeAfter = after
            let batch = try await snapshot.read { db -> (values: [[CopiedValue]], last: [DatabaseValue]?) in
                let keys = order.joined(separator: ", ")
                let condition = resumeAfter.map { _ in "WHERE (\(keys)) > (\(Array(repeating: "?", count: order.count).joined(separator: ", ")))" } ?? ""
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(keys), \(names.joined(separator: ", ")) FROM \(table) \(condition) ORDER BY \(keys) LIMIT ?",
                                                 arguments: StatementArguments((resumeAfter ?? []) + [batchSize.databaseValue]))
                var values: [[CopiedValue]] = []
                var last: [DatabaseValue]?
                while let row = try cursor.next() {
                    last = (0..<order.count).map { row[$0] as DatabaseValue }
                    values.append(try columns.enumerated().map { index, column in
                        try CopiedValue(row[order.count + index] as DatabaseValue, as: column.type, table: table, column: column.name)
                    })
                }
                return (values, last)
            }
            guard !batch.values.isEmpty else { break }
            let marks = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            try await sql.execute("INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES "
                                  + Array(repeating: marks, count: batch.values.count).joined(separator: ", "),
                                  batch.values.flatMap { row -> [any SQLValue] in row.map { $0.bound } })
            for row in batch.values { sum.add(row) }
            rows += batch.values.count
            after = batch.last
            if batch.values.count < batchSize { break }
        }
        return (rows, sum)
    }

    /// The primary key's columns (or the rowid), which order the reading and resume it.
    private static func keyColumns(_ table: String, _ db: Database) throws -> [String] {
        let key = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
            .map { $0["name"] as String }
        let withoutRowID = try Bool.fetchOne(db, sql: "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?", arguments: [table]) ?? false
        return withoutRowID || key.count > 1 ? key : (key.isEmpty ? ["rowid"] : key)
    }

    private static func checksumInTarget(_ table: String, columns: [Column], _ sql: PostgresSQL) async throws -> (rows: Int, sum: RowSum) {
        var sum = RowSum()
        var count = 0
        // Through a cursor, a few thousand rows at a time: years of marks, or every letter's PDF,
        // need not fit in memory at once.
        try await sql.execute("DECLARE leave_copy_check NO SCROLL CURSOR FOR SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(table)")
        while true {
            let rows = try await sql.rows("FETCH 2000 FROM leave_copy_check")
            guard !rows.isEmpty else { break }
            for row in rows {
                sum.add(try columns.indices.map { index in try CopiedValue(row, index, as: columns[index].type) })
            }
            count += rows.count
        }
        try await sql.execute("CLOSE leave_copy_check")
        return (count, sum)
    }
}

/// One value as both stores hold it, read into the column's PostgreSQL type.
enum CopiedValue {
    case null, integer(Int64), text(String), moment(Date), flag(Bool), bytes(Data), real(Double)

    init(_ value: DatabaseValue, as type: StoreCopy.ColumnType, table: String, column: String) throws {
        func refuse() -> StoreCopy.Failure {
            StoreCopy.Failure(description: "table \(table), column \(column): the value \(value) cannot be read as \(type); nothing was copied")
        }
        switch (value.storage, type) {
        case (.null, _): self = .null
        case (.int64(let number), .integer): self = .integer(number)
        case (.double(let number), .integer):
            guard let whole = Int64(exactly: number) else { throw refuse() }
            self = .integer(whole)
        case (.string(let text), .integer):
            guard let whole = Int64(text) else { throw refuse() }
            self = .integer(whole)
        case (.string(let text), .text): self = .text(text)
        case (.int64(let number), .text): self = .text(String(number))
        case (.double(let number), .text): self = .text(String(number))
        case (.blob(let data), .text):
            guard let text = String(data: data, encoding: .utf8) else { throw refuse() }
            self = .text(text)
        case (_, .moment):
            guard let date = Date.fromDatabaseValue(value) else { throw refuse() }
            self = .moment(date)
        case (.int64(let number), .flag): self = .flag(number != 0)
        case (.blob(let data), .bytes): self = .bytes(data)
        case (.string(let text), .bytes): self = .bytes(Data(text.utf8))
        case (.double(let number), .real): self = .real(number)
        case (.int64(let number), .real): self = .real(Double(number))
        default: throw refuse()
        }
    }

    init(_ row: SQLRow, _ index: Int, as type: StoreCopy.ColumnType) throws {
        guard !row.isNull(index) else { self = .null; return }
        switch type {
        case .integer: self = .integer(try row[index, Int64.self])
        case .text: self = .text(try row[index, String.self])
        case .moment: self = .moment(try row[index, Date.self])
        case .flag: self = .flag(try row[index, Bool.self])
        case .bytes: self = .bytes(try row[index, Data.self])
        case .real: self = .real(try row[index, Double.self])
        }
    }

    var bound: any SQLValue {
        switch self {
        case .null: SQLNull()
        case .integer(let value): value
        case .text(let value): value
        case .moment(let value): value
        case .flag(let value): value
        case .bytes(let value): value
        case .real(let value): value
        }
    }

    /// The value's bytes for the checksum: a tag, then the value; moments to the millisecond, the
    /// precision the SQLite store writes.
    func feed(_ hash: inout SHA256) {
        func put(_ tag: UInt8, _ bytes: some Sequence<UInt8>) {
            let data = Array(bytes)
            hash.update(data: [tag] + withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init) + data)
        }
        switch self {
        case .null: put(0, [])
        case .integer(let value): put(1, String(value).utf8)
        case .text(let value): put(2, value.utf8)
        case .moment(let value): put(3, String(Int64((value.timeIntervalSince1970 * 1000).rounded())).utf8)
        case .flag(let value): put(4, [value ? 1 : 0])
        case .bytes(let value): put(5, value)
        case .real(let value): put(6, String(value.bitPattern).utf8)
        }
    }
}

/// The SHA-256 of each row, added up: the same rows give the same sum in any order.
struct RowSum: Equatable {
    private(set) var words: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ row: [CopiedValue]) {
        var hash = SHA256()
        for value in row { value.feed(&hash) }
        let digest = Array(hash.finalize())
        for word in 0..<4 {
            var part: UInt64 = 0
            for byte in digest[(word * 8)..<(word * 8 + 8)] { part = part << 8 | UInt64(byte) }
            words[word] &+= part
        }
    }

    var text: String { words.map { String(format: "%016llx", $0) }.joined() }
}
