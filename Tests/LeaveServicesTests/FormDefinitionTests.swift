import Foundation
import Testing
import LeaveCore
@testable import LeaveServices

/// forms/*.yaml: read at start; a mistake stops the start, naming the file, line and field.
@Suite("Form definitions")
struct FormDefinitionTests {
    @Test func everyBundledFormLoads() throws {
        let forms = try FormLoader.load(folder: ServiceHarness.formsFolder)
        #expect(Set(forms.keys) == ["leave", "medical", "religious", "traveller", "performance", "lunchtime", "lunchtime-stop"])
        let leave = try #require(forms["leave"])
        #expect(leave.requestType == .leave)
        #expect(leave.guidance.contains { $0.items.contains("a family holiday, or cheaper travel outside the school holidays") })
        #expect(leave.page("evidence")?.showIf?.values == ["exceptional", "other-exceptional", "interview"])
    }

    static let valid = """
        title: A test form
        type: medical
        pages:
          - id: children
            title: Which child?
            questions:
              - id: children
                kind: children
                label: Which child?
                bind: children
              - id: start
                kind: date
                label: When?
                bind: start
        """

    static func problem(_ yaml: String) -> DefinitionError? {
        do {
            _ = try FormLoader.parse(yaml, file: "forms/test.yaml", id: "test")
            return nil
        } catch let error as DefinitionError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func aCorrectDefinitionLoads() {
        #expect(Self.problem(Self.valid) == nil)
    }

    @Test(arguments: [
        ("kind: date\n", "kind: calendar\n", "pages[0].questions[1].kind", "unknown kind 'calendar'"),
        ("bind: start", "bind: beginning", "pages[0].questions[1].bind", "unknown bind 'beginning'"),
        ("        label: When?\n", "", "pages[0].questions[1].label", "is missing"),
        ("type: medical", "type: holiday", "type", "unknown request type 'holiday'"),
        ("title: Which child?", "title: Which child?\n    colour: blue", "pages[0]", "unknown key 'colour'"),
        ("id: start", "id: children", "pages[0].questions[1].id", "question 'children' appears twice"),
        ("bind: start", "bind: end", "pages", "a medical form needs a question with bind: start"),
    ])
    func aMistakeIsNamedByFileLineAndField(_ find: String, _ replace: String, _ field: String, _ message: String) throws {
        let yaml = Self.valid.replacingOccurrences(of: find, with: replace)
        #expect(yaml != Self.valid)
        let error = try #require(Self.problem(yaml), "no error for \(message)")
        #expect(error.file == "forms/test.yaml")
        #expect(error.field == field)
        #expect(error.message.contains(message), "got: \(error)")
        #expect(error.description.hasPrefix("forms/test.yaml"))
    }

    @Test func everyTextAnswerHasALimit() throws {
        let free = Self.valid + "\n      - id: notes\n        kind: textarea\n        label: Notes\n"
        let missing = try #require(Self.problem(free))
        #expect(missing.message.contains("a textarea question needs a maxLength"))
        let absurd = try #require(Self.problem(free + "        maxLength: 1e300\n"))
        #expect(absurd.message.contains("must be a whole number from 1 to 5000"))
        #expect(Self.problem(free + "        maxLength: 500\n") == nil)
    }

    @Test func aConditionMustPointToAnEarlierQuestion() throws {
        let yaml = Self.valid + "\n        showIf:\n          question: later\n          is: yes\n"
        let error = try #require(Self.problem(yaml))
        #expect(error.message.contains("'later' is not an earlier question"))
        #expect(error.line != nil)
    }

    @Test func brokenYAMLIsRefused() throws {
        let error = try #require(Self.problem("title: [unclosed\npages: {"))
        #expect(error.message.contains("not valid YAML"))
    }
}
