import Foundation

/// A record's columns and values for an INSERT, from the same `Codable` conformance GRDB uses.
/// Properties left nil are left out, so the column takes its default (an identity, NULL).
enum SQLColumns {
    struct Column {
        let name: String
        let value: any SQLValue
    }

    static func of(_ record: some Encodable) throws -> [Column] {
        let encoder = Encoder()
        try record.encode(to: encoder)
        return encoder.box.columns
    }

    private final class Box {
        var columns: [Column] = []
    }

    private struct Encoder: Swift.Encoder {
        let box = Box()
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Columns<Key>(box: box))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a record is written column by column") }
        func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a record is written column by column") }
    }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [any CodingKey] { [] }

        private func add(_ key: Key, _ value: any SQLValue) { box.columns.append(Column(name: key.stringValue, value: value)) }

        mutating func encodeNil(forKey key: Key) throws { add(key, SQLNull()) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(key, value) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(key, value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(key, value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(key, value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(key, value) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            switch value {
            case let value as any SQLValue: add(key, value)
            default:
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "column \(key.stringValue): no writing for \(T.self)"))
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            fatalError("a column holds one value")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("a column holds one value") }
        mutating func superEncoder() -> any Swift.Encoder { Encoder() }
        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder { Encoder() }
    }
}
