import Foundation
import PostgresNIO

/// A value a query is given. Written as the SQLite store writes its arguments, `[id, name,
/// maybeDate]`, so a statement reads the same in both stores; nil binds SQL NULL.
protocol SQLValue: Sendable {
    func bind(into bindings: inout PostgresBindings) throws
}

extension String: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Int: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { bindings.append(Int64(self)) }
}

extension Int64: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Double: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Bool: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Date: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Data: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(self) }
}

extension Array: SQLValue where Element == UInt8 {
    func bind(into bindings: inout PostgresBindings) throws { try bindings.append(Data(self)) }
}

extension Optional: SQLValue where Wrapped: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws {
        switch self {
        case .some(let value): try value.bind(into: &bindings)
        case .none: bindings.appendNull()
        }
    }
}

/// SQL NULL where no typed optional is at hand.
struct SQLNull: SQLValue {
    func bind(into bindings: inout PostgresBindings) throws { bindings.appendNull() }
}
