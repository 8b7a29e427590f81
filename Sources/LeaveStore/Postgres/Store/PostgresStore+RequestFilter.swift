import LeaveCore

extension PostgresStore {
    /// ILIKE: SQLite's LIKE ignores case, PostgreSQL's does not.
    static func narrowing(_ filter: RequestFilter) -> RequestNarrowing {
        RequestNarrowing(filter, caseBlindLike: "ILIKE")
    }
}

extension RequestNarrowing {
    var sqlValues: [any SQLValue] {
        values.map { value -> any SQLValue in
            switch value {
            case .text(let text): text
            case .integer(let number): number
            }
        }
    }
}
