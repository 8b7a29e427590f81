import Foundation
import Mustache
import Testing
@testable import LeaveWeb

/// The page templates render through `PageTemplate` (issue 11): the same Mustache, the same
/// meaning for our view-models' values as swift-mustache gives them, whitespace as the spec has it.
@Suite("Page templates")
struct PageTemplateTests {
    struct Model: MustacheParent {
        let values: [String: Any]
        func child(named key: String) -> Any? { values[key] }
    }

    static func render(_ templates: [String: String], _ name: String, _ model: Model) throws -> String? {
        PageTemplates(templates: try templates.mapValues { try PageTemplate(name: "t", text: $0) }).render(name, model)
    }

    @Test func valuesSectionsAndListsMeanWhatSwiftMustacheMakesThemMean() throws {
        let text = "{{a}}|{{{raw}}}|{{n}}|{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}|{{#gone}}G{{/gone}}{{^gone}}!G{{/gone}}"
            + "|{{#list}}[{{name}}{{outer}}]{{/list}}{{^empty}}none{{/empty}}|{{#child}}{{name}}{{/child}}|{{child.name}}|{{#word}}<{{.}}>{{/word}}|{{missing}}"
        let model = Model(values: [
            "a": "<b>&'\"", "raw": "<i>", "n": 42, "yes": true, "no": false, "gone": Absent.value, "outer": "o",
            "list": [Model(values: ["name": "x"]), Model(values: ["name": "y", "outer": "O"])], "empty": [String](),
            "child": Model(values: ["name": "c"]), "word": "",
        ])
        let html = try Self.render(["p": text], "p", model)
        // An empty text is still a value: its section shows, as swift-mustache shows it.
        #expect(html == "&lt;b&gt;&amp;&#39;&quot;|<i>|42|Y!N|!G|[xo][yO]none|c|c|<>|")
        MustacheContentTypes.register(PortalHTML(), named: PortalHTML.name)
        #expect(html == (try MustacheTemplate(string: PortalHTML.pragma + text)).render(model))
    }

    @Test func layoutsBlocksPartialsAndStandaloneLines() throws {
        let templates = [
            "layout": "<main>\n{{$content}}default{{/content}}\n</main>\n",
            "page": "{{<layout}}{{$content}}{{#content}}\n  {{> item}}\n{{/content}}{{/content}}{{/layout}}",
            "item": "<p>{{name}}</p>\n<p>again</p>\n",
            "plain": "{{<layout}}{{/layout}}",
        ]
        let model = Model(values: ["content": Model(values: ["name": "n"])])
        #expect(try Self.render(templates, "page", model) == "<main>\n\n  <p>n</p>\n  <p>again</p>\n\n</main>\n")
        #expect(try Self.render(templates, "plain", model) == "<main>\ndefault\n</main>\n")
        // A standalone section or comment line leaves nothing behind.
        #expect(try Self.render(["s": "a\n  {{#yes}}\nb\n  {{/yes}}\n{{! note }}\nc"], "s", Model(values: ["yes": true])) == "a\nb\nc")
    }

    /// A partial on a line of its own is indented line by line, where a line ends with a lone
    /// "\n": a textarea's value comes back from the browser with "\r\n", and shown again inside
    /// an indented partial it must not gain spaces each time (the decision form's reasons).
    @Test func anIndentedPartialLeavesABrowsersLineBreaksAsTheyAre() throws {
        #expect(PageTemplates.indent("a\nb\r\nc\n\nd", by: "  ") == "  a\n  b\r\nc\n\n  d")
        let templates = ["page": "<form>\n  {{> box}}\n</form>\n", "box": "<textarea>{{text}}</textarea>\n"]
        let typed = "first line\r\nsecond line\r\nthird"
        let html = try #require(try Self.render(templates, "page", Model(values: ["text": typed])))
        #expect(html == "<form>\n  <textarea>\(typed)</textarea>\n</form>\n")
    }

    /// Indenting copies a line at a time (issue 11); it must still agree, byte for byte, with
    /// indenting byte by byte, on any mix of line breaks and text in any alphabet.
    @Test func indentingALineAtATimeAgreesWithByteByByte() {
        func byteByByte(_ text: String, _ indentation: String) -> String {
            var out: [UInt8] = []
            var atLineStart = true
            var previous: UInt8 = 0
            for byte in text.utf8 {
                if atLineStart && byte != UInt8(ascii: "\n") { out.append(contentsOf: indentation.utf8) }
                out.append(byte)
                atLineStart = byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")
                previous = byte
            }
            return String(decoding: out, as: UTF8.self)
        }
        let pieces = ["\n", "\r\n", "\r", "a", "  ", "é", "日本", "\n\n", "<p>", "👩‍👧"]
        var seed: UInt64 = 42
        for _ in 0..<500 {
            var text = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(seed >> 60) + 1 { text += pieces[Int((seed >> UInt64(step * 3 % 56)) % UInt64(pieces.count))] }
            #expect(PageTemplates.indent(text, by: "  ") == byteByByte(text, "  "), "\(text.debugDescription)")
            #expect(PageTemplates.indent(text, by: "") == text)
        }
    }

    @Test(arguments: ["{{#a}}never closed", "{{/a}}", "{{unclosed\n}}", "{{}}", "{{<layout}}text{{/layout}}"])
    func aTemplateThatCannotBeReadStopsTheStart(_ text: String) {
        #expect(throws: PageTemplate.Mistake.self) { try PageTemplate(name: "broken", text: text) }
    }
}
