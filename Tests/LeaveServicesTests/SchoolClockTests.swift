import Foundation
import Testing
@testable import LeaveServices

/// Issue 15: times as GOV.UK writes them, in the school's time zone: "9am", "2:05pm", never "0:01".
@Suite("Times as people read them")
struct SchoolClockTests {
    @Test(arguments: [
        (0, 0, "midnight"), (0, 1, "12:01am"), (9, 0, "9am"), (9, 5, "9:05am"), (12, 0, "midday"),
        (12, 30, "12:30pm"), (14, 5, "2:05pm"), (23, 59, "11:59pm"),
    ])
    func aTimeOfDay(_ hour: Int, _ minute: Int, _ words: String) {
        #expect(SchoolClock.time(hour: hour, minute: minute) == words)
    }

    @Test func anInstantIsDescribedInEnglandsTime() {
        // 2026-06-01T13:05Z is 2:05pm in London (summer time).
        let clock = SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { Date() })
        #expect(clock.describe(Date(timeIntervalSince1970: 1_780_319_100)) == "1 Jun 2026 at 2:05pm")
    }
}
