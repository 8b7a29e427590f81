import Mustache

/// The page templates, compiled once at start and rendered by asking each view-model for its
/// values through its own `child(named:)`.
///
/// swift-mustache parses our templates well, but renders each tag by casting every object on
/// its context stack to three protocols and splitting the tag's name: on the request page (a
/// few hundred tags, partials three deep) that was a quarter of the server's time (issue 11).
/// Here names are split when the template is read, each object is cast once when a section
/// puts it on the stack, and a lookup is a call on the view-model. The templates are the same
/// Mustache, with the same meaning for the values our view-models give: a list repeats its
/// section, `true` shows it, `Absent` and a missing value hide it, any other value is shown and
/// becomes the context inside; `{{<layout}}` with `{{$blocks}}`, partials, comments and
/// standalone lines as the Mustache spec has them. Anything else stops the start.
struct PageTemplate: Sendable {
    /// A name as written in a tag, split at its dots; empty for `{{.}}`.
    typealias Path = [String]

    indirect enum Node: Sendable {
        case text(String)
        case value(Path, escaped: Bool)
        case section(Path, inverted: Bool, [Node])
        /// `{{> name}}`, with the indentation of a partial on a line of its own.
        case partial(String, indentation: String)
        /// `{{<name}}…{{/name}}`: the named template, with these blocks in place of its own.
        case inherit(String, blocks: [String: [Node]])
        /// `{{$name}}default{{/name}}` in a template others inherit.
        case block(String, [Node])
    }

    struct Mistake: Error, CustomStringConvertible {
        let template: String
        let problem: String
        var description: String { "page template \(template): \(problem)" }
    }

    let name: String
    let nodes: [Node]

    init(name: String, text: String) throws {
        self.name = name
        var tokens = try Self.tokens(of: text, template: name)[...]
        nodes = try Self.tree(&tokens, closing: nil, template: name)
    }

    // MARK: Reading

    private enum Token {
        case text(String)
        case tag(sigil: Character?, name: String, triple: Bool, indentation: String)
    }

    /// Tags that may stand alone on a line, which then leaves no trace in the output.
    private static let standaloneSigils: Set<Character> = ["#", "^", "/", "!", ">", "<", "$", "%"]

    /// The template as text and tags, line by line, with standalone lines' whitespace removed.
    private static func tokens(of text: String, template: String) throws -> [Token] {
        var tokens: [Token] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" }
        if let last = lines.last { lines[lines.count - 1] = last.dropLast() }  // the text's own end has no line break
        for line in lines {
            var parts: [Token] = []
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
                rest = rest[open.upperBound...]
                let triple = rest.first == "{"
                if triple { rest = rest.dropFirst() }
                guard let close = rest.range(of: triple ? "}}}" : "}}") else {
                    throw Mistake(template: template, problem: "a tag is not closed on its line")
                }
                let inside = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                guard let first = inside.first else { throw Mistake(template: template, problem: "an empty tag") }
                let sigil: Character? = triple ? nil : ("#^/!><$%&".contains(first) ? first : nil)
                let name = sigil == nil ? inside : String(inside.dropFirst()).trimmingCharacters(in: .whitespaces)
                parts.append(.tag(sigil: sigil, name: name, triple: triple || sigil == "&", indentation: ""))
            }
            if !rest.isEmpty { parts.append(.text(String(rest))) }
            tokens += standalone(parts) ?? parts
        }
        return tokens
    }

    /// A line holding one standalone tag and whitespace is that tag alone (a partial keeps the
    /// whitespace before it as the indentation of its lines).
    private static func standalone(_ parts: [Token]) -> [Token]? {
        var tag: Token?
        var indentation = ""
        for part in parts {
            switch part {
            case .text(let text):
                guard text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return nil }
                if tag == nil { indentation += text }
            case .tag(let sigil, let name, let triple, _):
                guard tag == nil, let sigil, standaloneSigils.contains(sigil) else { return nil }
                tag = .tag(sigil: sigil, name: name, triple: triple, indentation: indentation)
            }
        }
        return tag.map { [$0] }
    }

    private static func tree(_ tokens: inout ArraySlice<Token>, closing: String?, template: String) throws -> [Node] {
        var nodes: [Node] = []
        while let token = tokens.popFirst() {
            switch token {
            case .text(let text):
                if case .text(let before)? = nodes.last {
                    nodes[nodes.count - 1] = .text(before + text)
                } else {
                    nodes.append(.text(text))
                }
            case .tag(let sigil, let name, let triple, let indentation):
                switch sigil {
                case "#", "^":
                    let inner = try tree(&tokens, closing: name, template: template)
                    nodes.append(.section(path(name), inverted: sigil == "^", inner))
                case "/":
                    guard name == closing else { throw Mistake(template: template, problem: "{{/\(name)}} closes nothing open") }
                    return nodes
                case "!", "%":
                    continue
                case ">":
                    nodes.append(.partial(name, indentation: indentation))
                case "<":
                    var blocks: [String: [Node]] = [:]
                    for node in try tree(&tokens, closing: name, template: template) {
                        switch node {
                        case .block(let block, let inner): blocks[block] = inner
                        case .text(let text) where text.allSatisfy(\.isWhitespace): continue
                        default: throw Mistake(template: template, problem: "only {{$blocks}} may be inside {{<\(name)}}")
                        }
                    }
                    nodes.append(.inherit(name, blocks: blocks))
                case "$":
                    nodes.append(.block(name, try tree(&tokens, closing: name, template: template)))
                default:
                    nodes.append(.value(path(name), escaped: !triple))
                }
            }
        }
        if let closing { throw Mistake(template: template, problem: "{{#\(closing)}} is never closed") }
        return nodes
    }

    private static func path(_ name: String) -> Path {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}

/// Every page template by name, rendered against a page's view-model.
struct PageTemplates: Sendable {
    let templates: [String: PageTemplate]

    /// One object on the context stack; a view-model is cast once, when its section opens.
    private struct Frame {
        let value: Any
        let parent: (any MustacheParent)?

        init(_ value: Any) {
            self.value = value
            parent = value as? any MustacheParent
        }
    }

    private struct Render {
        let templates: [String: PageTemplate]
        var stack: [Frame]
        var blocks: [String: [PageTemplate.Node]]
        var html = ""
    }

    func render(_ name: String, _ root: some MustacheParent) -> String? {
        guard let template = templates[name] else { return nil }
        var state = Render(templates: templates, stack: [Frame(root)], blocks: [:])
        state.html.reserveCapacity(32_768)
        Self.append(template.nodes, &state)
        return state.html
    }

    private static func append(_ nodes: [PageTemplate.Node], _ state: inout Render) {
        for node in nodes {
            switch node {
            case .text(let text):
                state.html += text
            case .value(let path, let escaped):
                guard let value = lookup(path, state.stack) else { continue }
                let text: String = switch value {
                case let text as String: text
                case let number as Int: String(number)
                case let flag as Bool: flag ? "true" : "false"
                case let custom as any MustacheCustomRenderable: custom.renderText
                default: String(describing: value)
                }
                state.html += escaped ? PortalHTML.escape(text) : text
            case .section(let path, let inverted, let inner):
                section(lookup(path, state.stack), inverted: inverted, inner, &state)
            case .partial(let name, let indentation):
                guard let partial = state.templates[name] else { continue }
                if indentation.isEmpty {
                    append(partial.nodes, &state)
                } else {
                    // A partial on a line of its own is indented as its tag was, line by line.
                    var inner = state
                    inner.html = ""
                    append(partial.nodes, &inner)
                    state.html += indent(inner.html, by: indentation)
                }
            case .inherit(let name, let blocks):
                guard let parent = state.templates[name] else { continue }
                let outer = state.blocks
                // The innermost page's blocks win over any its layout's layout gives.
                state.blocks = blocks.merging(outer) { _, page in page }
                append(parent.nodes, &state)
                state.blocks = outer
            case .block(let name, let fallback):
                append(state.blocks[name] ?? fallback, &state)
            }
        }
    }

    private static func section(_ value: Any?, inverted: Bool, _ inner: [PageTemplate.Node], _ state: inout Render) {
        switch value {
        case nil:
            if inverted { append(inner, &state) }
        case let flag as Bool:
            if flag != inverted { append(inner, &state) }
        case let list as any MustacheSequence:
            let items = elements(of: list)
            if inverted {
                if items.isEmpty { append(inner, &state) }
                return
            }
            for item in items {
                state.stack.append(Frame(item))
                append(inner, &state)
                state.stack.removeLast()
            }
        case let custom as any MustacheCustomRenderable where custom.isNull:
            if inverted { append(inner, &state) }
        case let some?:
            guard !inverted else { return }
            state.stack.append(Frame(some))
            append(inner, &state)
            state.stack.removeLast()
        }
    }

    private static func elements<List: Sequence>(of list: List) -> [Any] { list.map { $0 } }

    /// The first object on the stack, from the top, that has the name's first part; then the
    /// rest of the name inside it.
    private static func lookup(_ path: PageTemplate.Path, _ stack: [Frame]) -> Any? {
        guard let first = path.first else { return stack.last?.value }
        var found: Any?
        for frame in stack.reversed() {
            if let value = frame.parent?.child(named: first) {
                found = value
                break
            }
        }
        for name in path.dropFirst() {
            guard let parent = found as? any MustacheParent else { return nil }
            found = parent.child(named: name)
        }
        return found
    }

    /// Byte by byte: walking a page's characters (grapheme by grapheme) to find its line starts
    /// was a twentieth of the request page's time. A line starts after a lone "\n" only, as it did
    /// when "\r\n" was one character: a textarea's value comes back from the browser with "\r\n"
    /// and must not gain spaces each time the form is shown again.
    static func indent(_ text: String, by indentation: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
            var indented: [UInt8] = []
            indented.reserveCapacity(bytes.count + bytes.count / 8)
            var atLineStart = true
            var previous: UInt8 = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == newline {
                    indented.append(newline)
                    atLineStart = previous != carriageReturn
                    previous = newline
                    index += 1
                    continue
                }
                if atLineStart { indented.append(contentsOf: indentation.utf8) }
                // The rest of the line in one copy.
                var end = index
                while end < bytes.count && bytes[end] != newline { end += 1 }
                indented.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                previous = bytes[end - 1]
                atLineStart = false
                index = end
            }
            return String(decoding: indented, as: UTF8.self)
        }
    }
}
