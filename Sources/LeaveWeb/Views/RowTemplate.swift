import Mustache

/// One row of a long list (the queue, a parent's requests, the decided list, letters), read
/// once at start and rendered for each row without the template library's per-tag work.
///
/// swift-mustache finds each tag's value by casting every object on its context stack to its
/// protocols and splitting the tag's name, which made a 50-row page cost most of a millisecond
/// in lookups alone (issue 11). A row template is a small, flat subset of Mustache, compiled to
/// a list of parts, and looks its values up on the row's own view-model only, through the same
/// explicit `child(named:)` every view-model has. It understands `{{name}}` (escaped),
/// `{{{name}}}`, `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}` and `{{.}}` inside a section;
/// anything else stops the start with the template's name, as a broken page template does.
struct RowTemplate: Sendable {
    indirect enum Part: Sendable, Equatable {
        case text(String)
        case value(String, escaped: Bool)
        /// The section's parts, shown when the value is there (`inverted`: when it is not).
        case section(String, inverted: Bool, [Part])
    }

    let name: String
    let parts: [Part]

    struct Mistake: Error, CustomStringConvertible {
        let template: String
        let problem: String
        var description: String { "row template \(template): \(problem)" }
    }

    init(name: String, text: String) throws {
        self.name = name
        var scanner = Substring(text)
        parts = try Self.parse(&scanner, closing: nil, template: name)
        if !scanner.isEmpty { throw Mistake(template: name, problem: "text after the end") }
    }

    private static func parse(_ text: inout Substring, closing: String?, template: String) throws -> [Part] {
        var parts: [Part] = []
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
                throw Mistake(template: template, problem: "a tag is not closed")
            }
            let tag = text[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            text = text[close.upperBound...]
            guard let sigil = tag.first else { throw Mistake(template: template, problem: "an empty tag") }
            let key = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "#", "^":
                try check(key, template: template)
                let inner = try parse(&text, closing: key, template: template)
                parts.append(.section(key, inverted: sigil == "^", inner))
            case "/":
                guard key == closing else { throw Mistake(template: template, problem: "{{/\(key)}} closes nothing open") }
                return parts
            case "!":
                continue
            default:
                if tag != "." { try check(tag, template: template) }
                parts.append(.value(tag, escaped: !triple))
            }
        }
        if let closing { throw Mistake(template: template, problem: "{{#\(closing)}} is never closed") }
        return parts
    }

    /// A row looks up its own values only: no dotted names, no partials, no other tags.
    private static func check(_ key: String, template: String) throws {
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw Mistake(template: template, problem: "\"\(key)\" is not a name a row template can use")
        }
    }

    /// Every row, one after another.
    func render(_ rows: [some MustacheParent]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 600)
        for row in rows { append(parts, row: row, current: nil, to: &html) }
        return html
    }

    private func append(_ parts: [Part], row: some MustacheParent, current: Any?, to html: inout String) {
        for part in parts {
            switch part {
            case .text(let text):
                html += text
            case .value(let key, let escaped):
                let value = key == "." ? current : row.child(named: key)
                guard let text = Self.text(of: value) else { continue }
                html += escaped ? PortalHTML.escape(text) : text
            case .section(let key, let inverted, let inner):
                let value = row.child(named: key)
                if Self.isShown(value) != inverted { append(inner, row: row, current: value, to: &html) }
            }
        }
    }

    /// What a value reads as on the page; nothing for an absent one.
    static func text(of value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        case let number as Int64: String(number)
        case let flag as Bool: flag ? "true" : "false"
        case is Absent, nil: nil
        case let other?: String(describing: other)
        }
    }

    /// A section shows for true, a non-empty text, a number and any other value that is there.
    static func isShown(_ value: Any?) -> Bool {
        switch value {
        case let flag as Bool: flag
        case let text as String: !text.isEmpty
        case is Absent, nil: false
        default: true
        }
    }
}
