import Foundation
import PostgresNIO

/// One row PostgreSQL gave back: a value by position (`row[0, Int64.self]`), or the whole row
/// as one of the store's `Codable` records, matched by column name.
struct SQLRow {
    let cells: PostgresRandomAccessRow

    init(_ cells: PostgresRandomAccessRow) {
        self.cells = cells
    }

    subscript<Value: PostgresDecodable>(_ index: Int, _ type: Value.Type) -> Value {
        get throws { try cells[index].decode(Value.self) }
    }

    /// A column that may hold NULL, by position.
    func optional<Value: PostgresDecodable>(_ index: Int, _ type: Value.Type) throws -> Value? {
        isNull(index) ? nil : try cells[index].decode(Value.self)
    }

    /// By name, as the SQLite store reads `row["schoolId"]`: PostgreSQL names unquoted columns in lower case.
    subscript<Value: PostgresDecodable>(_ name: String, _ type: Value.Type) -> Value {
        get throws { try cell(name).decode(Value.self) }
    }

    func optional<Value: PostgresDecodable>(_ name: String, _ type: Value.Type) throws -> Value? {
        let cell = try cell(name)
        return cell.bytes == nil ? nil : try cell.decode(Value.self)
    }

    func isNull(_ index: Int) -> Bool { cells[index].bytes == nil }

    private func cell(_ name: String) throws -> PostgresCell {
        let key = name.lowercased()
        guard cells.contains(key) else { throw StoreError.corrupt("no column \(name) in a row PostgreSQL gave") }
        return cells[key]
    }

    func decode<Record: Decodable>(_ type: Record.Type) throws -> Record {
        var columns: [String: Int] = [:]
        for index in 0..<cells.count { columns[cells[index].columnName.lowercased()] = index }
        return try Record(from: SQLRowDecoder(row: self, columns: columns))
    }
}

/// Decodes a record's properties from the row's columns of the same name (PostgreSQL gives
/// unquoted names in lower case). A record's optional property with no column reads as nil.
private struct SQLRowDecoder: Decoder {
    let row: SQLRow
    let columns: [String: Int]
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row, columns: columns))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is read by column name"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is read by column name"))
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        let columns: [String: Int]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { columns.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { columns[key.stringValue.lowercased()] != nil }

        private func index(_ key: Key) throws -> Int {
            guard let index = columns[key.stringValue.lowercased()] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(key.stringValue)"))
            }
            return index
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let index = columns[key.stringValue.lowercased()] else { return true }
            return row.isNull(index)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try row[index(key), Bool.self] }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try row[index(key), String.self] }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try row[index(key), Double.self] }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Int(row[index(key), Int64.self]) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try row[index(key), Int64.self] }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let index = try index(key)
            switch type {
            case is Date.Type: return try row[index, Date.self] as! T
            case is Data.Type: return try row[index, Data.self] as! T
            case is [UInt8].Type: return try [UInt8](row[index, Data.self]) as! T
            case is Int.Type: return try Int(row[index, Int64.self]) as! T
            case is Int64.Type: return try row[index, Int64.self] as! T
            case is String.Type: return try row[index, String.self] as! T
            case is Bool.Type: return try row[index, Bool.self] as! T
            case is Double.Type: return try row[index, Double.self] as! T
            default:
                throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "column \(key.stringValue): no reading for \(type)"))
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func superDecoder() throws -> any Decoder { SQLRowDecoder(row: row, columns: columns) }
        func superDecoder(forKey key: Key) throws -> any Decoder { SQLRowDecoder(row: row, columns: columns) }
    }
}
