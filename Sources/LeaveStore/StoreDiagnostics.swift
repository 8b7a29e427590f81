import GRDB
import PostgresNIO

/// What a log line may say about a database failure: SQLite's result codes, PostgreSQL's
/// SQLSTATE and message, never the statement, its values or PostgreSQL's detail (they can hold
/// a family's details).
public enum StoreDiagnostics {
    public static func describe(_ error: any Error) -> String? {
        if let error = error as? DatabaseError {
            return "SQLite result code \(error.resultCode.rawValue), extended \(error.extendedResultCode.rawValue)"
        }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                return "PostgreSQL SQLSTATE \(info[.sqlState] ?? "?"): \(info[.message] ?? "")"
            }
            return "PostgreSQL \(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return nil
    }
}
