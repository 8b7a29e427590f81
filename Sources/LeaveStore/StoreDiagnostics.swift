import GRDB

/// What a log line may say about a database failure: SQLite's result codes, never the
/// statement or its values (they can hold a family's details).
public enum StoreDiagnostics {
    public static func describe(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return "SQLite result code \(error.resultCode.rawValue), extended \(error.extendedResultCode.rawValue)"
    }
}
