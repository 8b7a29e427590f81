#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A parsed JSON document, walked by hand so every problem can be named by its path.
public enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CaseFileError("the file is not valid JSON")
        }
    }
}

/// Why a case file could not be read: one line, naming the field.
public struct CaseFileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A JSON object being read, which remembers its path and refuses fields it does not know.
struct JSONObject {
    let path: String
    let fields: [String: JSONValue]

    init(_ value: JSONValue?, path: String, allowed: Set<String>) throws {
        guard case .object(let fields)? = value else { throw CaseFileError("\(path.isEmpty ? "the case" : path) must be an object") }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw CaseFileError("unknown field '\(Self.join(path, key))'")
        }
        self.path = path
        self.fields = fields
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    func name(_ key: String) -> String { Self.join(path, key) }

    func has(_ key: String) -> Bool {
        if let value = fields[key], value != .null { return true }
        return false
    }

    func date(_ key: String) throws -> SchoolDate {
        guard let value = try optionalDate(key) else { throw CaseFileError("\(name(key)) is missing") }
        return value
    }

    func optionalDate(_ key: String) throws -> SchoolDate? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let text)?:
            guard let date = SchoolDate(iso: text) else { throw CaseFileError("\(name(key)): '\(text)' is not a real date (YYYY-MM-DD)") }
            return date
        default: throw CaseFileError("\(name(key)) must be a date in the form YYYY-MM-DD")
        }
    }

    func string(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw CaseFileError("\(name(key)) must be text")
        }
    }

    func bool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw CaseFileError("\(name(key)) must be true or false")
        }
    }

    func number(_ key: String) throws -> Double? {
        switch fields[key] {
        case nil, .null?: return nil
        case .number(let n)?: return n
        default: throw CaseFileError("\(name(key)) must be a number")
        }
    }

    func array(_ key: String) throws -> [JSONValue] {
        switch fields[key] {
        case nil, .null?: return []
        case .array(let items)?: return items
        default: throw CaseFileError("\(name(key)) must be a list")
        }
    }
}
