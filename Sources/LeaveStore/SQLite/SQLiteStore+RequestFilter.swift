import GRDB
import LeaveCore

extension SQLiteStore {
    static func narrowing(_ filter: RequestFilter) -> RequestNarrowing {
        RequestNarrowing(filter, caseBlindLike: "LIKE")
    }
}

extension RequestNarrowing {
    var arguments: [any DatabaseValueConvertible] {
        values.map { value -> any DatabaseValueConvertible in
            switch value {
            case .text(let text): text
            case .integer(let number): number
            }
        }
    }
}
