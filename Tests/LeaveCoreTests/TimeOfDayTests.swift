import Testing
@testable import LeaveCore

@Suite("Times of day as people type them")
struct TimeOfDayTests {
    @Test(arguments: [("13:15", "1:15pm"), ("1:15pm", "1:15pm"), ("1.15 p.m.", "1:15pm"), ("1pm", "1pm"), ("12 noon", "midday"),
                      ("midday", "midday"), ("9AM", "9am"), ("12am", "midnight"), ("00:01", "12:01am"), ("12:45", "12:45pm")])
    func aTimeIsReadAndWrittenTheGOVUKWay(_ typed: String, _ written: String) {
        #expect(TimeOfDay(typed)?.description == written)
    }

    @Test(arguments: ["half ten", "25:00", "13pm", "1:5", "1", "", "12:60", "1:15:00", "١:١٥"])
    func whatIsNotATimeIsNil(_ typed: String) {
        #expect(TimeOfDay(typed) == nil)
    }
}
