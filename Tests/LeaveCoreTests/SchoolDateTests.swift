import Testing
@testable import LeaveCore

@Suite("School dates")
struct SchoolDateTests {
    @Test func dayNumbersRoundTripAcrossCenturiesAndLeapDays() {
        for text in ["1970-01-01", "2000-02-29", "2024-02-29", "2026-11-23", "2100-03-01", "1899-12-31"] {
            let date = SchoolDate(iso: text)!
            #expect(SchoolDate(dayNumber: date.dayNumber) == date)
            #expect(date.iso == text)
        }
        #expect(SchoolDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(SchoolDate(iso: "2024-03-01")!.dayNumber - SchoolDate(iso: "2024-02-28")!.dayNumber == 2)
    }

    @Test func weekdaysMatchTheCalendar() {
        #expect(SchoolDate(iso: "2026-11-23")!.weekday == .monday)
        #expect(SchoolDate(iso: "2025-03-31")!.weekday == .monday)
        #expect(SchoolDate(iso: "2026-11-28")!.isWeekend)
    }

    @Test func impossibleDatesAreRefused() {
        #expect(SchoolDate(year: 2025, month: 2, day: 29) == nil)
        #expect(SchoolDate(year: 2025, month: 4, day: 31) == nil)
        #expect(SchoolDate(year: 2025, month: 13, day: 1) == nil)
        #expect(SchoolDate(iso: "2025-1-01") == nil)
        #expect(SchoolDate(iso: "not a date") == nil)
        for text in ["+025-01-01", "2025-01-011", "2025-01-0", "2025/01/01", "2025-0a-01", "", "2025-02-30", "２０２５-01-01"] {
            #expect(SchoolDate(iso: text) == nil, "\(text)")
        }
    }

    @Test func everyDayOfFourHundredYearsReadsBackFromItsISOForm() {
        // The reader works byte by byte; a full Gregorian cycle checks it against the day arithmetic.
        let first = SchoolDate(iso: "1900-01-01")!.dayNumber
        let misread = (first..<(first + 146_097)).map(SchoolDate.init(dayNumber:)).filter {
            SchoolDate(iso: $0.iso) != $0 || SchoolDate(iso: Substring($0.iso)) != $0
        }
        #expect(misread.isEmpty, "\(misread.prefix(3))")
    }

    @Test func academicYearStartsInSeptember() {
        #expect(SchoolDate(iso: "2026-08-31")!.academicYearStart == 2025)
        #expect(SchoolDate(iso: "2026-09-01")!.academicYearStart == 2026)
    }

    @Test func longFormReadsAsALetterWouldWriteIt() {
        #expect(SchoolDate(iso: "2027-03-09")!.longForm == "Tuesday 9 March 2027")
    }
}
