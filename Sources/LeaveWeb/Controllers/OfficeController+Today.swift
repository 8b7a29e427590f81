import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// The office's day on one page: letters waiting for the post, requests sent back for evidence,
/// who is out at lunchtime, and e-mails that could not be delivered (so the office can ring).
extension OfficeController {
    struct TodayContent: MustacheParent {
        let date: String
        let lettersWaiting: Int
        let oldestLetter: String?
        let evidence: [RequestRow]
        let lunchtime: LunchtimeDesk.Day
        let failedMail: [String]

        func child(named key: String) -> Any? {
            switch key {
            case "date": date
            case "lettersWaiting": lettersWaiting
            case "oldestLetter": orAbsent(oldestLetter)
            case "lettersHref": Paths.Office.letters()
            case "evidence": evidence
            case "evidenceCount": evidence.count
            case "hasEvidence": !evidence.isEmpty
            case "hasFailed": !failedMail.isEmpty
            case "lunchtimeCount": lunchtime.children.filter(\.runsToday).count
            case "outCount": lunchtime.children.filter { if case .out = $0.state { true } else { false } }.count
            case "lateCount": orAbsent(lunchtime.children.filter(\.isLate).count.nonZero)
            case "noLetters": lettersWaiting == 0
            case "isSchoolDay": lunchtime.isSchoolDay
            case "dueBack": lunchtime.dueBack.description
            case "lunchtimeHref": Paths.Office.lunchtime()
            case "failedMail": failedMail
            case "failedCount": failedMail.count
            default: nil
            }
        }
    }

    func today(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let waiting = try await store.letters(schoolID: account.schoolID, printed: false, offset: 0, limit: 1)
        let evidence = try await store.evidenceWaiting(schoolID: account.schoolID, limit: 20).map { RequestRow($0, clock: clock) }
        let lunchtime = try await services.lunchtime.day(schoolID: account.schoolID, on: clock.today)
        let failed = try await store.failedMessages(schoolID: account.schoolID, limit: 20).map {
            "\($0.message.subject) to \($0.message.to), \(clock.describe($0.createdAt))"
        }
        let content = TodayContent(date: clock.today.longForm, lettersWaiting: waiting.total,
                                   oldestLetter: waiting.letters.first.map { clock.describe($0.createdAt) }, evidence: evidence,
                                   lunchtime: lunchtime, failedMail: failed)
        return views.render(.officeToday, content, layout: Layout(title: "Today at the office", account: account, csrfToken: context.csrfToken))
    }
}
