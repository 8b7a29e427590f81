import GRDB
import LeaveCore

struct TrustRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "trust"
    var id: Int64?
    var name: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct SchoolRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "school"
    var id: Int64?
    var trustId: Int64
    var name: String
    var addressLines: String
    var telephone: String
    var email: String
    var headteacherName: String
    var laCode: String?
    var estab: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var school: School {
        School(id: id!, trustID: trustId, name: name,
               addressLines: addressLines.split(separator: "\n").map(String.init),
               telephone: telephone, email: email, headteacherName: headteacherName)
    }
}

struct TermRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "term"
    var id: Int64?
    var schoolId: Int64
    var name: String
    var startDate: String
    var endDate: String

    var term: Term? {
        guard let s = SchoolDate(iso: startDate), let e = SchoolDate(iso: endDate) else { return nil }
        return Term(name: name, start: s, end: e)
    }
}

struct ClosureRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "closure"
    var id: Int64?
    var schoolId: Int64
    var date: String
    var kind: String
    var name: String

    var closure: Closure? {
        guard let d = SchoolDate(iso: date) else { return nil }
        return Closure(date: d, kind: Closure.Kind(rawValue: kind) ?? .other, name: name)
    }
}
