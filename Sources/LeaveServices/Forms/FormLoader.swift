import Foundation
import LeaveCore
import Yams

/// Reads and checks every form definition in a folder.
public enum FormLoader {
    public static func load(folder: String) throws -> [String: FormDefinition] {
        let url = URL(fileURLWithPath: folder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw DefinitionError(file: folder, line: nil, field: "folder", message: "the forms folder cannot be read")
        }
        guard !names.isEmpty else {
            throw DefinitionError(file: folder, line: nil, field: "folder", message: "there are no form definitions (*.yaml)")
        }
        var forms: [String: FormDefinition] = [:]
        for name in names {
            let path = url.appendingPathComponent(name).path
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let form = try parse(text, file: "forms/\(name)", id: String(name.dropLast(5)))
            forms[form.id] = form
        }
        return forms
    }

    public static func parse(_ text: String, file: String, id: String) throws -> FormDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DefinitionError(file: file, line: nil, field: "file", message: "the file is empty")
            }
            root = node
        } catch let error as DefinitionError {
            throw error
        } catch let error as YamlError {
            throw DefinitionError(file: file, line: nil, field: "file", message: "not valid YAML: \(error)")
        } catch {
            throw DefinitionError(file: file, line: nil, field: "file", message: "not valid YAML")
        }
        return try FormReader(file: file).form(root, id: id)
    }
}

/// Walks one definition's YAML, checking as it goes.
public struct FormReader {
    public let file: String

    public func fail(_ node: Node?, _ field: String, _ message: String) -> DefinitionError {
        DefinitionError(file: file, line: node?.mark?.line, field: field, message: message)
    }

    public func mapping(_ node: Node?, _ field: String, allowed: Set<String>) throws -> Node.Mapping {
        guard let mapping = node?.mapping else { throw fail(node, field, "must be a mapping of keys and values") }
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw fail(key, field, "unknown key '\(key.string ?? "?")' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
        return mapping
    }

    public func text(_ mapping: Node.Mapping, _ key: String, _ field: String, required: Bool = true) throws -> String? {
        guard let node = mapping[key] else {
            if required { throw fail(mapping.mark.map { _ in Node.mapping(mapping) }, "\(field).\(key)", "is missing") }
            return nil
        }
        guard let value = node.scalar?.string else { throw fail(node, "\(field).\(key)", "must be text") }
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw fail(node, "\(field).\(key)", "is empty") }
        return value
    }

    /// Paragraphs are separated by blank lines; lines starting "- " make a list.
    public func guidance(_ text: String?) -> [GuidanceBlock] {
        guard let text else { return [] }
        var blocks: [GuidanceBlock] = []
        var paragraph: [String] = []
        var items: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(GuidanceBlock(paragraph: paragraph.joined(separator: " "), items: [])) }
            if !items.isEmpty { blocks.append(GuidanceBlock(paragraph: nil, items: items)) }
            paragraph = []
            items = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("- ") {
                if !paragraph.isEmpty { blocks.append(GuidanceBlock(paragraph: paragraph.joined(separator: " "), items: [])); paragraph = [] }
                items.append(String(line.dropFirst(2)))
            } else {
                if !items.isEmpty { blocks.append(GuidanceBlock(paragraph: nil, items: items)); items = [] }
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    public func form(_ root: Node, id: String) throws -> FormDefinition {
        let top = try mapping(root, "form", allowed: ["title", "summary", "type", "action", "guidance", "whatHappensNext", "pages"])
        let actionText = try text(top, "action", "form", required: false) ?? "request"
        guard let action = FormDefinition.Action(rawValue: actionText) else {
            throw fail(top["action"], "action", "unknown action '\(actionText)' (request or stop-lunchtime)")
        }
        let typeText = try text(top, "type", "form")!
        guard let type = RequestType(rawValue: typeText) else {
            throw fail(top["type"], "type", "unknown request type '\(typeText)' (one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let pageNodes = top["pages"]?.sequence, !pageNodes.isEmpty else { throw fail(top["pages"] ?? root, "pages", "needs at least one page") }
        var seen: [String: Question] = [:]
        var binds = Set<Bind>()
        var pages: [FormPage] = []
        var pageIDs = Set<String>()
        for (index, pageNode) in pageNodes.enumerated() {
            let field = "pages[\(index)]"
            let page = try mapping(pageNode, field, allowed: ["id", "title", "guidance", "showIf", "questions"])
            let pageID = try text(page, "id", field)!
            guard pageID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !["check", "submit", "confirmation"].contains(pageID) else {
                throw fail(page["id"], "\(field).id", "'\(pageID)' must be letters, digits and dashes, and not check, submit or confirmation")
            }
            guard pageIDs.insert(pageID).inserted else { throw fail(page["id"], "\(field).id", "page '\(pageID)' appears twice") }
            let showIf = try condition(page["showIf"], "\(field).showIf", known: seen)
            guard let questionNodes = page["questions"]?.sequence, !questionNodes.isEmpty else {
                throw fail(page["questions"] ?? pageNode, "\(field).questions", "needs at least one question")
            }
            var questions: [Question] = []
            for (qIndex, questionNode) in questionNodes.enumerated() {
                let q = try question(questionNode, "\(field).questions[\(qIndex)]", known: seen)
                guard seen[q.id] == nil else { throw fail(questionNode, "\(field).questions[\(qIndex)].id", "question '\(q.id)' appears twice") }
                if let bind = q.bind {
                    guard binds.insert(bind).inserted else { throw fail(questionNode, "\(field).questions[\(qIndex)].bind", "'\(bind.rawValue)' is bound twice") }
                }
                seen[q.id] = q
                questions.append(q)
            }
            pages.append(FormPage(id: pageID, title: try text(page, "title", field)!, guidance: guidance(try text(page, "guidance", field, required: false)),
                                  showIf: showIf, questions: questions))
        }
        let needed: [Bind] = action == .stopLunchtime ? [.children] : type == .lunchtime ? [.children, .from, .days] : [.children, .start]
        for bind in needed where !binds.contains(bind) {
            throw fail(root, "pages", "a \(type.rawValue) form needs a question with bind: \(bind.rawValue)")
        }
        if type == .leave && !binds.contains(.category) { throw fail(root, "pages", "a leave form needs a question with bind: category") }
        return FormDefinition(id: id, file: file, title: try text(top, "title", "form")!, summary: try text(top, "summary", "form", required: false) ?? "",
                              requestType: type, guidance: guidance(try text(top, "guidance", "form", required: false)),
                              whatHappensNext: guidance(try text(top, "whatHappensNext", "form", required: false)), pages: pages,
                              action: action)
    }

    public func condition(_ node: Node?, _ field: String, known: [String: Question]) throws -> Condition? {
        guard let node else { return nil }
        let map = try mapping(node, field, allowed: ["question", "is"])
        let question = try text(map, "question", field)!
        guard known[question] != nil else { throw fail(node, "\(field).question", "'\(question)' is not an earlier question") }
        let values: [String]
        if let list = map["is"]?.sequence { values = list.compactMap { $0.scalar?.string } }
        else if let one = map["is"]?.scalar?.string { values = [one] }
        else { throw fail(node, "\(field).is", "needs the answer or answers that show it") }
        return Condition(question: question, values: Set(values))
    }

    public func ruleWithMessage(_ node: Node?, _ field: String) throws -> (String, String)? {
        guard let node else { return nil }
        let map = try mapping(node, field, allowed: ["question", "message"])
        return (try text(map, "question", field)!, try text(map, "message", field)!)
    }

    public func question(_ node: Node, _ field: String, known: [String: Question]) throws -> Question {
        let q = try mapping(node, field, allowed: [
            "id", "kind", "label", "hint", "bind", "required", "maxLength", "options", "multiple", "notInPast", "notBefore",
            "after", "withinDaysOf", "min", "max", "subject", "fileTypes", "showIf",
        ])
        let id = try text(q, "id", field)!
        guard id.allSatisfy({ $0.isLetter || $0.isNumber }) else { throw fail(q["id"], "\(field).id", "'\(id)' must be letters and digits only") }
        let kindText = try text(q, "kind", field)!
        guard let kind = Question.Kind(rawValue: kindText) else {
            throw fail(q["kind"], "\(field).kind", "unknown kind '\(kindText)' (one of \(Question.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var bind: Bind?
        if let bindText = try text(q, "bind", field, required: false) {
            guard let b = Bind(rawValue: bindText) else {
                throw fail(q["bind"], "\(field).bind", "unknown bind '\(bindText)' (one of \(Bind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            bind = b
        }
        var options: [Question.Option] = []
        if let list = q["options"]?.sequence {
            for (index, optionNode) in list.enumerated() {
                let option = try mapping(optionNode, "\(field).options[\(index)]", allowed: ["value", "label", "hint"])
                options.append(Question.Option(value: try text(option, "value", "\(field).options[\(index)]")!,
                                               label: try text(option, "label", "\(field).options[\(index)]")!,
                                               hint: try text(option, "hint", "\(field).options[\(index)]", required: false)))
            }
        }
        if (kind == .choice || kind == .checkboxes) && options.isEmpty { throw fail(node, "\(field).options", "a \(kind.rawValue) question needs options") }
        if bind == .category {
            for option in options where LeaveCategory(rawValue: option.value) == nil {
                throw fail(q["options"], "\(field).options", "'\(option.value)' is not a leave category of rules.md")
            }
        }
        func number(_ key: String) throws -> Double? {
            guard let node = q[key] else { return nil }
            guard let value = node.scalar.flatMap({ Double($0.string) }) else { throw fail(node, "\(field).\(key)", "must be a number") }
            return value
        }
        func dateRule(_ key: String) throws -> (question: String, message: String)? {
            guard let (other, message) = try ruleWithMessage(q[key], "\(field).\(key)") else { return nil }
            guard let target = known[other], target.kind == .date else {
                throw fail(q[key], "\(field).\(key).question", "'\(other)' is not an earlier date question")
            }
            _ = target
            return (other, message)
        }
        var within: (String, Int, String)?
        if let node = q["withinDaysOf"] {
            let map = try mapping(node, "\(field).withinDaysOf", allowed: ["question", "days", "message"])
            let other = try text(map, "question", "\(field).withinDaysOf")!
            guard known[other]?.kind == .date else { throw fail(node, "\(field).withinDaysOf.question", "'\(other)' is not an earlier date question") }
            guard let days = Int(try text(map, "days", "\(field).withinDaysOf")!), (0...3660).contains(days) else {
                throw fail(node, "\(field).withinDaysOf.days", "must be a whole number from 0 to 3660")
            }
            within = (other, days, try text(map, "message", "\(field).withinDaysOf")!)
        }
        let minimum = try number("min").map { ($0, try text(q, "minMessage", field, required: false) ?? "") }
        let maximum = try number("max")
        let fileTypes = q["fileTypes"]?.sequence?.compactMap { $0.scalar?.string } ?? (kind == .file ? ["pdf", "jpeg", "png"] : [])
        for type in fileTypes where !["pdf", "jpeg", "png"].contains(type) {
            throw fail(q["fileTypes"], "\(field).fileTypes", "'\(type)' is not one of pdf, jpeg, png")
        }
        let label = try text(q, "label", field)!
        // Every answer typed as text has a limit, so nothing unbounded reaches the session or the record.
        var maxLength: Int?
        if let declared = try number("maxLength") {
            guard let whole = Int(exactly: declared), (1...Self.longestAnswer).contains(whole) else {
                throw fail(q["maxLength"], "\(field).maxLength", "must be a whole number from 1 to \(Self.longestAnswer)")
            }
            maxLength = whole
        } else if [.text, .textarea, .dates].contains(kind) {
            throw fail(node, "\(field).maxLength", "a \(kind.rawValue) question needs a maxLength")
        }
        return Question(
            id: id, kind: kind, label: label, hint: try text(q, "hint", field, required: false), bind: bind,
            required: try text(q, "required", field, required: false),
            maxLength: maxLength, options: options,
            multiple: (q["multiple"]?.scalar?.string).map { $0 == "true" || $0 == "yes" } ?? false,
            notInPast: try text(q, "notInPast", field, required: false),
            notBefore: try dateRule("notBefore"), after: try dateRule("after"), withinDaysOf: within,
            minimum: minimum.map { ($0.0, "\(label) must be \(Self.plain($0.0)) or more") },
            maximum: maximum.map { ($0, "\(label) must be \(Self.plain($0)) or fewer") },
            subject: try text(q, "subject", field, required: false) ?? label.lowercased(),
            fileTypes: fileTypes, showIf: try condition(q["showIf"], "\(field).showIf", known: known))
    }

    /// The most any one answer may be, in characters, whatever a definition says.
    public static let longestAnswer = 5_000

    public static func plain(_ value: Double) -> String { Int(exactly: value).map(String.init) ?? String(value) }
}
