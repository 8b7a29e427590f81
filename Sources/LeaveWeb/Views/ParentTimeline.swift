import Foundation
import LeaveCore
import LeaveServices
import Mustache

/// What has happened to a request, as its parent may see it (issue 15): sent, evidence asked for
/// and sent, decided, changed, the letter posted, withdrawn. The school's own steps (meetings,
/// consultations, reprints) and the words of its record stay with the school.
struct ParentTimeline: MustacheParent {
    struct Entry: MustacheParent {
        let when: String
        let what: String

        func child(named key: String) -> Any? {
            switch key {
            case "when": when
            case "what": what
            default: nil
            }
        }
    }

    let entries: [Entry]

    init(_ events: [AuditEvent], parentID: Int64, clock: SchoolClock) {
        entries = events.sorted { $0.at < $1.at }.compactMap { event in
            let byParent = event.actor.accountID == parentID
            let what: String? = switch event.action {
            case .submitted: byParent ? "You sent the request" : "The request was sent"
            case .evidenceRequested: "The school asked you for evidence"
            case .evidenceSent: byParent ? "You sent evidence" : "Evidence was sent"
            case .decided: "The headteacher decided"
            case .amended: "The headteacher changed the decision"
            case .rescinded: "The headteacher withdrew the permission"
            case .letterPrinted: "The school printed the letter to post to you"
            case .withdrawn: byParent ? "You withdrew the request" : "The request was withdrawn"
            case .licenceAdded: byParent ? "You added the licence" : "The licence was added"
            case .meetingRecorded, .consultationRecorded, .letterReprinted: nil
            }
            return what.map { Entry(when: clock.describe(event.at), what: $0) }
        }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "entries": entries
        default: nil
        }
    }
}
