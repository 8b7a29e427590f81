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
        // One read for the whole page; a page asked for past the end is read again as the last.
        let requested = Pagination.requested(request.uri.queryParameters.get("page"))
        let read = { (offset: Int) in
            try await store.queuePage(schoolID: account.schoolID, filter: filter, offset: offset, limit: Pagination.pageSize,
                                      evidenceLimit: offset == 0 && !form.isActive ? 50 : 0)
        }
        var queue = try await read((requested - 1) * Pagination.pageSize)
        let pagination = Pagination(page: requested, total: queue.total, href: form.href(page:))
        if pagination.page != requested { queue = try await read(pagination.offset) }
        let page = queue.requests
        let adviceCounts = Recommendation.allCases.compactMap { advice -> AdviceCount? in
            guard let count = queue.adviceCounts[advice], count > 0 else { return nil }
            let query = form.query(advice: advice == form.advice ? nil : advice)
            return AdviceCount(advice: advice, count: count, href: Paths.Decisions.queue() + (query.isEmpty ? "" : "?" + query),
                               current: advice == form.advice)
        }
        let rows = QueueGrouping.together(page).map { RequestRow($0.item, clock: clock, recommendation: queue.advice[$0.item.request.id], sentWith: $0.sentWith) }
        return views.render(.queue, QueueContent(rows: views.rows.queue.render(rows), count: pagination.total,
                                                 waitingInAll: queue.waitingInAll, pagination: pagination, filter: form,
                                                 adviceCounts: adviceCounts, waitingForEvidence: queue.evidenceWaiting.map { RequestRow($0, clock: clock) }),
                            layout: Layout(title: form.isActive ? "Decision queue (filtered)" : "Decision queue", account: account,
                                           csrfToken: context.csrfToken))
    }

    struct DecidedRow: TemplateRow {
        let request: RequestRow
        let outcome: String
        let outcomeClass: String
        let decidedAt: String
        let deciderName: String

        enum Own: String { case outcome, outcomeClass, decidedAt, deciderName }
        /// Flat, as a row template reads it: the decision's values, and the request's own.
        enum Field { case own(Own), request(RequestRow.Field) }

        static func field(named name: String) -> Field? {
            Own(rawValue: name).map(Field.own) ?? RequestRow.field(named: name).map(Field.request)
        }

        func value(_ field: Field) -> RowValue {
            switch field {
            case .own(.outcome): .text(outcome)
            case .own(.outcomeClass): .text(outcomeClass)
            case .own(.decidedAt): .text(decidedAt)
            case .own(.deciderName): .text(deciderName)
            case .request(let field): request.value(field)
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
        return views.render(.decided, DecidedContent(rows: views.rows.decided.render(rows), isEmpty: rows.isEmpty, pagination: pagination, filter: form),
                            layout: Layout(title: form.isActive ? "Decided requests (filtered)" : "Decided requests", account: account,
                                           csrfToken: context.csrfToken))
    }
}
