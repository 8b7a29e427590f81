import Foundation
import Mustache
import Testing
@testable import LeaveWeb

/// Long lists render their rows with `RowTemplate` (issue 11). Each row template must render
/// exactly as swift-mustache renders the same text, escaping included.
@Suite("Row templates")
struct RowTemplateTests {
    /// A row of any names, for comparing with the library whatever a template asks for.
    struct Row: TemplateRow {
        let values: [String: Any]
        static func field(named name: String) -> String? { name }
        func value(_ field: String) -> RowValue {
            switch values[field] {
            case let text as String: .text(text)
            case let flag as Bool: .flag(flag)
            case is Absent, nil: .absent
            case let other?: .other(other)
            }
        }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LeaveWeb/Templates/rows").standardized

    static let hostile = "<script>alert(\"x\")</script> & 'quoted' Łódź 👍"

    static func rows(for keys: Set<String>) -> [Row] {
        var plain: [String: Any] = [:], awkward: [String: Any] = [:], sparse: [String: Any] = [:]
        for (index, key) in keys.sorted().enumerated() {
            plain[key] = "value \(index)"
            awkward[key] = index % 3 == 0 ? 42 : Self.hostile
            sparse[key] = index % 2 == 0 ? Absent.value : "only \(index)"
        }
        return [Row(values: plain), Row(values: awkward), Row(values: sparse)]
    }

    static func keys(in parts: [RowSyntax]) -> Set<String> {
        parts.reduce(into: Set<String>()) { keys, part in
            switch part {
            case .text: break
            case .value(let key, _): if key != "." { keys.insert(key) }
            case .section(let key, _, let inner): keys.insert(key); keys.formUnion(Self.keys(in: inner))
            }
        }
    }

    @Test(arguments: RowTemplateName.allCases)
    func rendersAsTheTemplateLibraryDoes(_ name: RowTemplateName) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name.rawValue + ".mustache"), encoding: .utf8)
        let row = try RowTemplate<Row>(name: name.rawValue, text: text)
        // Registered before the template is read, as `Views.load` does: the pragma names it.
        MustacheContentTypes.register(PortalHTML(), named: PortalHTML.name)
        let library = try MustacheTemplate(string: PortalHTML.pragma + text)
        for sample in Self.rows(for: Self.keys(in: row.syntax)) {
            #expect(row.render([sample]) == library.render(sample), "\(name.rawValue) with \(sample.values)")
        }
    }

    @Test func sectionsShowForTrueAndForTextAndHideForAbsentValues() throws {
        let row = try RowTemplate<Row>(name: "t", text: "{{#a}}A{{.}}{{/a}}{{^b}}not b{{/b}}{{#c}}C{{/c}}|{{{raw}}}|{{esc}}")
        let html = row.render([Row(values: ["a": "1", "b": false, "c": Absent.value, "raw": "<b>", "esc": "<b>"])])
        #expect(html == "A1not b|<b>|&lt;b&gt;")
    }

    @Test(arguments: ["{{#a}}never closed", "{{/a}}", "{{a.b}}", "{{> partial}}", "{{unclosed", "{{}}"])
    func aTemplateItCannotRenderStopsTheStart(_ text: String) {
        #expect(throws: RowTemplateMistake.self) { try RowTemplate<Row>(name: "broken", text: text) }
    }

    /// Each row template is compiled against the view-model its rows are: every name it uses
    /// must be one of that view-model's, or the portal does not start.
    @Test func everyRowTemplateCompilesAgainstItsViewModel() throws {
        _ = try RowTemplates(folder: Self.folder.path)
        #expect(throws: RowTemplateMistake.self) { try RowTemplate<RequestRow>(name: "queue-row", text: "<td>{{referenc}}</td>") }
        #expect(throws: RowTemplateMistake.self) { try RowTemplate<HeadteacherController.DecidedRow>(name: "decided-row", text: "{{#overlaps}}x{{/overlaps}}") }
    }
}
