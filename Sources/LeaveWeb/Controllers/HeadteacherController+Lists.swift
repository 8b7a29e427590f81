import Hummingbird
import LeaveCore
import LeaveStore
import Mustache

/// The headteacher's two lists: the queue, most urgent first, and what has been decided, most
/// recent first; fifty a page, each narrowed by the same filters.
extension HeadteacherController {
    struct QueueContent: MustacheParent {
        /// The page's rows, rendered by the queue's row template.
        let rows: String
        let count: Int
        let waitingInAll: Int
        let pagination: Pagination
        let filter: RequestFilterForm
        let adviceCounts: [AdviceCount]
        /// Sent back to parents for evidence: out of the queue until they answer.
        let waitingForEvidence: [RequestRow]

        func child(named key: String) -> Any? {
            switch key {
            case "waitingForEvidence": self.waitingForEvidence
            case "hasWaitingForEvidence": !self.waitingForEvidence.isEmpty
            case "rows": self.rows
            case "count": self.count
            case "waitingInAll": self.waitingInAll
            case "isEmpty": self.count == 0
            case "nothingWaiting": self.waitingInAll == 0
            case "pagination": self.pagination
            case "filter": self.filter
            case "isFiltered": self.filter.isActive
            case "adviceCounts": self.adviceCounts
            default: nil
            }
        }
    }

    /// One advice of the rules, how many wait under it, and the queue narrowed to it.
    struct AdviceCount: MustacheParent {
        let advice: Recommendation
        let count: Int
        let href: String
        let current: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "label": self.advice.title
            case "class": self.advice.rawValue
            case "count": self.count
            case "href": self.href
            case "current": self.current
            default: nil
            }
        }
    }

    /// Fifty at a time: a trust's queue can hold thousands, and a page costs the same whichever it is.
    func queue(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = RequestFilterForm(request.uri.queryParameters, list: .queue)
        let filter = form.filter(today: clock.today)
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: form.href(page:)) { offset, limit in
            let found = try await store.decisionQueue(schoolID: account.schoolID, filter: filter, offset: offset, limit: limit)
            return (found.requests, found.total)
        }
        let (counts, waitingInAll) = try await store.queueAdvice(schoolID: account.schoolID)
        let adviceCounts = Recommendation.allCases.compactMap { advice -> AdviceCount? in
            guard let count = counts[advice], count > 0 else { return nil }
            let query = form.query(advice: advice == form.advice ? nil : advice)
            return AdviceCount(advice: advice, count: count, href: Paths.Decisions.queue() + (query.isEmpty ? "" : "?" + query),
                               current: advice == form.advice)
        }
        let advice = try await store.recommendations(requestIDs: page.map { $0.request.id }, schoolID: account.schoolID)
        let rows = QueueGrouping.together(page).map { RequestRow($0.item, clock: clock, recommendation: advice[$0.item.request.id], sentWith: $0.sentWith) }
        let waiting = pagination.page == 1 && !form.isActive ? try await store.evidenceWaiting(schoolID: account.schoolID, limit: 50) : []
        return views.render(.queue, QueueContent(rows: views.rows(.queue, rows), count: pagination.total,
                                                 waitingInAll: waitingInAll, pagination: pagination, filter: form,
                                                 adviceCounts: adviceCounts, waitingForEvidence: waiting.map { RequestRow($0, clock: clock) }),
                            layout: Layout(title: form.isActive ? "Decision queue (filtered)" : "Decision queue", account: account,
                                           csrfToken: context.csrfToken))
    }

    struct DecidedRow: MustacheParent {
        let request: RequestRow
        let outcome: String
        let outcomeClass: String
        let decidedAt: String
        let deciderName: String

        /// Flat, as a row template reads it: the request's own values, and the decision's.
        func child(named key: String) -> Any? {
            switch key {
            case "outcome": self.outcome
            case "outcomeClass": self.outcomeClass
            case "decidedAt": self.decidedAt
            case "deciderName": self.deciderName
            default: self.request.child(named: key)
            }
        }
    }

    struct DecidedContent: MustacheParent {
        let rows: String
        let isEmpty: Bool
        let pagination: Pagination
        let filter: RequestFilterForm

        func child(named key: String) -> Any? {
            switch key {
            case "rows": self.rows
            case "isEmpty": self.isEmpty
            case "count": self.pagination.total
            case "pagination": self.pagination
            case "filter": self.filter
            case "isFiltered": self.filter.isActive
            default: nil
            }
        }
    }

    /// What has been decided, most recent first, fifty at a time: where a headteacher looks when
    /// a parent rings about a decision.
    func decided(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = RequestFilterForm(request.uri.queryParameters, list: .decided)
        let filter = form.filter(today: clock.today)
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: form.href(page:)) { offset, limit in
            let found = try await store.decidedRequests(schoolID: account.schoolID, filter: filter, offset: offset, limit: limit)
            return (found.requests, found.total)
        }
        let rows = page.map {
            DecidedRow(request: RequestRow($0.item, clock: clock), outcome: $0.outcome.title, outcomeClass: $0.outcome.rawValue,
                       decidedAt: clock.describe($0.decidedAt), deciderName: $0.deciderName)
        }
        return views.render(.decided, DecidedContent(rows: views.rows(.decided, rows), isEmpty: rows.isEmpty, pagination: pagination, filter: form),
                            layout: Layout(title: form.isActive ? "Decided requests (filtered)" : "Decided requests", account: account,
                                           csrfToken: context.csrfToken))
    }
}
