import Foundation
import Mustache
import Testing
@testable import LeaveWeb

/// Long lists render their rows with `RowTemplate` (issue 11). Each row template must render
/// exactly as swift-mustache renders the same text, escaping included.
@Suite("Row templates")
struct RowTemplateTests {
    struct Row: MustacheParent {
        let values: [String: Any]
        func child(named key: String) -> Any? { values[key] }
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

    static func keys(in parts: [RowTemplate.Part]) -> Set<String> {
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
        let row = try RowTemplate(name: name.rawValue, text: text)
        // Registered before the template is read, as `Views.load` does: the pragma names it.
        MustacheContentTypes.register(PortalHTML(), named: PortalHTML.name)
        let library = try MustacheTemplate(string: PortalHTML.pragma + text)
        for sample in Self.rows(for: Self.keys(in: row.parts)) {
            #expect(row.render([sample]) == library.render(sample), "\(name.rawValue) with \(sample.values)")
        }
    }

    @Test func sectionsShowForTrueAndForTextAndHideForAbsentValues() throws {
        let row = try RowTemplate(name: "t", text: "{{#a}}A{{.}}{{/a}}{{^b}}not b{{/b}}{{#c}}C{{/c}}|{{{raw}}}|{{esc}}")
        let html = row.render([Row(values: ["a": "1", "b": false, "c": Absent.value, "raw": "<b>", "esc": "<b>"])])
        #expect(html == "A1not b|<b>|&lt;b&gt;")
    }

    @Test(arguments: ["{{#a}}never closed", "{{/a}}", "{{a.b}}", "{{> partial}}", "{{unclosed", "{{}}"])
    func aTemplateItCannotRenderStopsTheStart(_ text: String) {
        #expect(throws: RowTemplate.Mistake.self) { try RowTemplate(name: "broken", text: text) }
    }
}
