import Foundation
import LeaveCore
import LeaveImport
import LeaveServices

/// A session as it is kept in the database: one line of names and values (`DraftAnswers`'
/// form) rather than JSON. Every page reads the session and every form page writes it, and
/// Foundation's JSON coding was a twentieth of a parent's form (issue 11). Sessions kept as
/// JSON before still open; the rarely used parts (evidence sent with a draft, an
/// administrator's calendar awaiting confirmation) stay JSON inside the line.
extension PortalSession {
    static let linePrefix = "session-line&"

    struct Unreadable: Error {}

    var line: String {
        var fields: [String: [String]] = ["account": [String(accountID)]]
        if let signedInAt { fields["signedIn"] = [String(signedInAt.timeIntervalSinceReferenceDate)] }
        if let seenAt { fields["seen"] = [String(seenAt.timeIntervalSinceReferenceDate)] }
        if let draft = formDraft {
            fields["form"] = [draft.formID]
            fields["answers"] = [DraftAnswers.encode(draft.values)]
            if let key = draft.submissionKey { fields["key"] = [key] }
            if let started = draft.startedWith { fields["started"] = [started] }
            if !draft.uploads.isEmpty, let json = try? JSONEncoder().encode(draft.uploads) {
                fields["uploads"] = [String(decoding: json, as: UTF8.self)]
            }
        }
        if let lastSent { fields["sent"] = [lastSent.formID, lastSent.reference] }
        if let pendingCalendar, let json = try? JSONEncoder().encode(pendingCalendar) {
            fields["calendar"] = [String(decoding: json, as: UTF8.self)]
        }
        return Self.linePrefix + DraftAnswers.encode(fields)
    }

    /// A session as stored: a line, or JSON as sessions were kept before.
    init(stored data: Data) throws {
        guard data.starts(with: Self.linePrefix.utf8) else {
            self = try JSONDecoder().decode(PortalSession.self, from: data)
            return
        }
        let fields = try DraftAnswers.decode(String(decoding: data.dropFirst(Self.linePrefix.utf8.count), as: UTF8.self))
        func one(_ name: String) -> String? { fields[name]?.first }
        func date(_ name: String) throws -> Date? {
            guard let text = one(name) else { return nil }
            guard let seconds = Double(text), seconds.isFinite else { throw Unreadable() }
            return Date(timeIntervalSinceReferenceDate: seconds)
        }
        func json<Value: Decodable>(_ name: String, as type: Value.Type) throws -> Value? {
            try one(name).map { try JSONDecoder().decode(Value.self, from: Data($0.utf8)) }
        }
        guard let account = one("account").flatMap(Int64.init) else { throw Unreadable() }
        self.init(accountID: account)
        signedInAt = try date("signedIn")
        seenAt = try date("seen")
        if let formID = one("form") {
            formDraft = FormDraft(formID: formID, values: try DraftAnswers.decode(one("answers") ?? ""),
                                  uploads: try json("uploads", as: [String: [RequestDetails.Evidence]].self) ?? [:],
                                  submissionKey: one("key"), startedWith: one("started"))
        }
        if let sent = fields["sent"] {
            guard sent.count == 2 else { throw Unreadable() }
            lastSent = SentForm(formID: sent[0], reference: sent[1])
        }
        pendingCalendar = try json("calendar", as: CalendarBatch.self)
    }
}
