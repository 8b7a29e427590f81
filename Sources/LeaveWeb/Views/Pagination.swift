import Mustache

/// GOV.UK's pagination pattern for a long list: previous and next, the first and last pages,
/// the pages either side of this one, and "…" between.
struct Pagination: MustacheParent {
    static let pageSize = 50

    struct Item: MustacheParent {
        let number: Int
        let href: String
        let current: Bool
        let ellipsis: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "number": self.number
            case "href": self.href
            case "current": self.current
            case "ellipsis": self.ellipsis
            default: nil
            }
        }
    }

    let page: Int
    let pages: Int
    let total: Int
    let items: [Item]
    let previous: String?
    let next: String?
    /// "Showing 51 to 100 of 475".
    let showing: String

    /// `page` is clamped to the pages there are; `href` builds the link to a page.
    init(page requested: Int, total: Int, pageSize: Int = Pagination.pageSize, href: (Int) -> String) {
        self.total = total
        pages = max(1, (total + pageSize - 1) / pageSize)
        page = min(max(1, requested), pages)
        var items: [Item] = []
        for number in 1...pages where number == 1 || number == pages || abs(number - page) <= 1 {
            if let last = items.last, number > last.number + 1 {
                items.append(Item(number: 0, href: "", current: false, ellipsis: true))
            }
            items.append(Item(number: number, href: href(number), current: number == page, ellipsis: false))
        }
        self.items = items
        previous = page > 1 ? href(page - 1) : nil
        next = page < pages ? href(page + 1) : nil
        let first = total == 0 ? 0 : (page - 1) * pageSize + 1
        showing = "Showing \(first) to \(min(total, page * pageSize)) of \(total)"
    }

    var offset: Int { (page - 1) * Pagination.pageSize }

    /// One page of a list: the page asked for, or the last there is when it asked past the end.
    static func load<Row>(page requested: Int, href: (Int) -> String,
                          _ fetch: (_ offset: Int, _ limit: Int) async throws -> (rows: [Row], total: Int)) async throws -> (rows: [Row], pagination: Pagination) {
        var found = try await fetch((requested - 1) * pageSize, pageSize)
        let pagination = Pagination(page: requested, total: found.total, href: href)
        if pagination.page != requested { found = try await fetch(pagination.offset, pageSize) }
        return (found.rows, pagination)
    }

    /// The page asked for in the query string: anything that is not a page number is page 1, and a
    /// number too large to be a page is the last one (the caller clamps it).
    static func requested(_ text: (some StringProtocol)?) -> Int {
        guard let text, !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return 1 }
        guard text.count <= 6, let number = Int(text) else { return 1_000_000 }
        return max(1, number)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "page": self.page
        case "pages": self.pages
        case "items": self.items
        case "previous": orAbsent(self.previous)
        case "next": orAbsent(self.next)
        case "showing": self.showing
        case "isLong": self.pages > 1
        default: nil
        }
    }
}
