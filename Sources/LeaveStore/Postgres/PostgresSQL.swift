import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection inside one transaction of `PostgresDatabase.read` or `.write`. Statements take
/// `?` placeholders, as the SQLite store's do, numbered `$1, $2, …` here, so the same SQL text
/// serves both stores.
struct PostgresSQL {
    let connection: PostgresConnection
    let logger: Logger

    /// The rows a statement gives, each readable by position or by (lower-case) column name.
    func rows(_ sql: String, _ values: [any SQLValue] = []) async throws -> [SQLRow] {
        try await result(sql, values).rows.map { SQLRow($0.makeRandomAccess()) }
    }

    func row(_ sql: String, _ values: [any SQLValue] = []) async throws -> SQLRow? {
        try await rows(sql, values).first
    }

    /// The first column of the first row: a count, an id, one setting.
    func value<Value: PostgresDecodable>(_ type: Value.Type, _ sql: String, _ values: [any SQLValue] = []) async throws -> Value? {
        guard let row = try await row(sql, values), !row.isNull(0) else { return nil }
        return try row[0, Value.self]
    }

    /// Runs a statement for its effect; gives how many rows it touched.
    @discardableResult
    func execute(_ sql: String, _ values: [any SQLValue] = []) async throws -> Int {
        let result = try await result(sql, values)
        return result.metadata.rows ?? result.rows.count
    }

    private func result(_ sql: String, _ values: [any SQLValue]) async throws -> PostgresQueryResult {
        let future: EventLoopFuture<PostgresQueryResult> = connection.query(try Self.query(sql, values), logger: logger)
        return try await future.get()
    }

    /// Rows decoded into the same `Codable` records the SQLite store uses, by column name.
    func records<Record: Decodable>(_ type: Record.Type, _ sql: String, _ values: [any SQLValue] = []) async throws -> [Record] {
        try await rows(sql, values).map { try $0.decode(Record.self) }
    }

    func record<Record: Decodable>(_ type: Record.Type, _ sql: String, _ values: [any SQLValue] = []) async throws -> Record? {
        try await row(sql, values).map { try $0.decode(Record.self) }
    }

    /// Inserts a record's encoded columns (nil ones left to their defaults) and gives its new id.
    @discardableResult
    func insert(_ record: some Encodable, into table: String, returningID: Bool = true) async throws -> Int64? {
        let columns = try SQLColumns.of(record)
        let names = columns.map(\.name).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(names)) VALUES (\(marks))" + (returningID ? " RETURNING id" : "")
        if returningID { return try await value(Int64.self, sql, columns.map(\.value)) }
        try await execute(sql, columns.map(\.value))
        return nil
    }

    /// Rows streamed with COPY … FROM STDIN, as text lines (tab between fields, each field
    /// escaped with `copyField`): how a whole school's marks go in at PostgreSQL's own pace.
    func copy(into table: String, columns: [String], lines: ByteBuffer) async throws {
        // COPY quotes the names it is given, so they are given as PostgreSQL folded them.
        try await connection.copyFrom(table: table.lowercased(), columns: columns.map { $0.lowercased() }, logger: logger) { writer in
            try await writer.write(lines)
        }
    }

    /// A field as COPY's text format reads it: backslash, tab and line ends escaped.
    static func copyField(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func query(_ sql: String, _ values: [any SQLValue]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try value.bind(into: &bindings) }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: bindings)
    }

    /// `?` becomes `$1`, `$2`, … outside quoted text and identifiers.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
