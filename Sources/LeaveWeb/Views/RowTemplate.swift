import Mustache

/// A view-model that a row template reads directly. Its names are looked up once, when the
/// template is compiled at start; each row then answers by field, not by comparing its name
/// with every name the view-model has (a forty-way string `switch` per tag was a tenth of the
/// queue page's time, issue 11).
protocol TemplateRow: MustacheParent {
    associatedtype Field: Sendable
    static func field(named name: String) -> Field?
    func value(_ field: Field) -> RowValue
}

extension TemplateRow {
    /// Page templates look the same values up by name.
    func child(named key: String) -> Any? { Self.field(named: key).map { value($0).forMustache } }
}

/// A row's value, as a row template shows it.
enum RowValue {
    case text(String)
    case flag(Bool)
    /// An optional value that is not there: shows as nothing, and its section is skipped.
    case absent
    /// Anything else (a list, for page templates): shown as text, its section shown.
    case other(Any)

    static func optional(_ text: String?) -> RowValue { text.map(RowValue.text) ?? .absent }

    var forMustache: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .absent: Absent.value
        case .other(let value): value
        }
    }

    /// What the value reads as on the page; nothing for an absent one.
    var text: String? {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .absent: nil
        case .other(let value): String(describing: value)
        }
    }

    /// A section shows for true, a non-empty text and any other value that is there.
    var isShown: Bool {
        switch self {
        case .text(let text): !text.isEmpty
        case .flag(let flag): flag
        case .absent: false
        case .other: true
        }
    }
}

struct RowTemplateMistake: Error, CustomStringConvertible {
    let template: String
    let problem: String
    var description: String { "row template \(template): \(problem)" }
}

/// A row template as written: a small, flat subset of Mustache. It understands `{{name}}`
/// (escaped), `{{{name}}}`, `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}` and `{{.}}` inside a
/// section; anything else stops the start with the template's name, as a broken page template does.
indirect enum RowSyntax: Sendable, Equatable {
    case text(String)
    case value(String, escaped: Bool)
    /// The section's parts, shown when the value is there (`inverted`: when it is not).
    case section(String, inverted: Bool, [RowSyntax])

    static func parse(_ text: String, template: String) throws -> [RowSyntax] {
        var scanner = Substring(text)
        let parts = try parse(&scanner, closing: nil, template: template)
        if !scanner.isEmpty { throw RowTemplateMistake(template: template, problem: "text after the end") }
        return parts
    }

    private static func parse(_ text: inout Substring, closing: String?, template: String) throws -> [RowSyntax] {
        var parts: [RowSyntax] = []
        while !text.isEmpty {
            guard let open = text.range(of: "{{") else {
                parts.append(.text(String(text)))
                text = text[text.endIndex...]
                break
            }
            if open.lowerBound > text.startIndex { parts.append(.text(String(text[..<open.lowerBound]))) }
            text = text[open.upperBound...]
            let triple = text.first == "{"
            if triple { text = text.dropFirst() }
            guard let close = text.range(of: triple ? "}}}" : "}}") else {
                throw RowTemplateMistake(template: template, problem: "a tag is not closed")
            }
            let tag = text[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            text = text[close.upperBound...]
            guard let sigil = tag.first else { throw RowTemplateMistake(template: template, problem: "an empty tag") }
            let key = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "#", "^":
                try check(key, template: template)
                let inner = try parse(&text, closing: key, template: template)
                parts.append(.section(key, inverted: sigil == "^", inner))
            case "/":
                guard key == closing else { throw RowTemplateMistake(template: template, problem: "{{/\(key)}} closes nothing open") }
                return parts
            case "!":
                continue
            default:
                if tag != "." { try check(tag, template: template) }
                parts.append(.value(tag, escaped: !triple))
            }
        }
        if let closing { throw RowTemplateMistake(template: template, problem: "{{#\(closing)}} is never closed") }
        return parts
    }

    /// A row looks up its own values only: no dotted names, no partials, no other tags.
    private static func check(_ key: String, template: String) throws {
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw RowTemplateMistake(template: template, problem: "\"\(key)\" is not a name a row template can use")
        }
    }
}

/// One row of a long list (the queue, a parent's requests, the decided list, letters), read
/// once at start, compiled against its row's view-model, and rendered for each row without
/// the template library's per-tag work: swift-mustache casts every object on its context stack
/// to its protocols and splits the tag's name for every tag of every row.
struct RowTemplate<Row: TemplateRow>: Sendable {
    private indirect enum Part: Sendable {
        case text(String)
        /// `nil`: the section's own value, `{{.}}`.
        case value(Row.Field?, escaped: Bool)
        case section(Row.Field, inverted: Bool, [Part])
    }

    let name: String
    let syntax: [RowSyntax]
    private let parts: [Part]

    /// Throws when the text does not parse, or uses a name the row's view-model does not have.
    init(name: String, text: String) throws {
        self.name = name
        syntax = try RowSyntax.parse(text, template: name)
        parts = try Self.compile(syntax, template: name)
    }

    private static func compile(_ syntax: [RowSyntax], template: String) throws -> [Part] {
        func field(_ key: String) throws -> Row.Field {
            guard let field = Row.field(named: key) else {
                throw RowTemplateMistake(template: template, problem: "{{\(key)}} is not a value of \(Row.self)")
            }
            return field
        }
        return try syntax.map { part in
            switch part {
            case .text(let text): .text(text)
            case .value(let key, let escaped): .value(key == "." ? nil : try field(key), escaped: escaped)
            case .section(let key, let inverted, let inner): .section(try field(key), inverted: inverted, try compile(inner, template: template))
            }
        }
    }

    /// Every row, one after another.
    func render(_ rows: [Row]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 600)
        for row in rows { append(parts, row: row, current: .absent, to: &html) }
        return html
    }

    private func append(_ parts: [Part], row: Row, current: RowValue, to html: inout String) {
        for part in parts {
            switch part {
            case .text(let text):
                html += text
            case .value(let field, let escaped):
                // A closure, not `row.value` itself: a method taken as a value copies the row it belongs to.
                guard let text = (field.map { row.value($0) } ?? current).text else { continue }
                html += escaped ? PortalHTML.escape(text) : text
            case .section(let field, let inverted, let inner):
                let value = row.value(field)
                if value.isShown != inverted { append(inner, row: row, current: value, to: &html) }
            }
        }
    }
}
