import Testing
@testable import LeaveCore

/// Issue 13 "The request page": the pupil's picture, worked out by hand on `TimeMissedTests.calendar`.
@Suite("The pupil's picture beside a request")
struct PupilPictureTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }

    /// Every school session from 2 September 2026 to Friday 4 December present, except those given.
    static func history(_ exceptions: [String: AttendanceCode], lastYear: [SessionMark] = []) -> AttendanceHistory {
        var marks = lastYear
        var day = d("2026-09-02")
        while day <= d("2026-12-04") {
            if TimeMissedTests.calendar.isSchoolDay(day) {
                marks.append(SessionMark(day, .am, exceptions[day.iso] ?? .presentAM))
                marks.append(SessionMark(day, .pm, exceptions[day.iso] ?? .presentPM))
            }
            day = day.adding(days: 1)
        }
        return AttendanceHistory(marks)
    }

    /// 001 §5.2: the last 10 school weeks before Monday 7 December run back over the half term
    /// (26–30 October has no school day) to the week of 21 September; 18 September is outside.
    @Test func unauthorisedAbsenceIsCountedOverTheLastTenSchoolWeeks() {
        let history = Self.history(["2026-09-18": .unauthorisedOther, "2026-09-21": .unauthorisedOther, "2026-12-04": .unauthorisedHoliday])
        let picture = PupilPicture(history: history, calendar: TimeMissedTests.calendar, policy: .standard, asOf: Self.d("2026-12-07"))
        #expect(picture.recentUnauthorised == 4)  // two sessions on each of 21 September and 4 December
        #expect(picture.recentWeeks == 10)
        #expect(picture.penaltyThreshold == 10)
        #expect(!picture.nearPenaltyThreshold)
        // This year: six unauthorised sessions (18 and 21 September, 4 December), every other one present.
        let thisYear = picture.years[0].figures
        #expect(thisYear.unauthorised == 6)
        #expect(thisYear.possible == thisYear.attended + 6)
        #expect(!picture.years[0].persistentlyAbsent)
    }

    /// 000 "Definitions": 10% absence or more is persistent absence; last year is its own row.
    @Test func persistentAbsenceIsFlaggedYearByYear() {
        var lastYear: [SessionMark] = []
        var day = Self.d("2025-09-01")
        var n = 0
        while day <= Self.d("2025-09-30") {
            if !day.isWeekend {
                // Every fifth day away with illness: 20% absence.
                let code: AttendanceCode = n % 5 == 0 ? .illness : .presentAM
                lastYear += [SessionMark(day, .am, code), SessionMark(day, .pm, code == .illness ? .illness : .presentPM)]
                n += 1
            }
            day = day.adding(days: 1)
        }
        let picture = PupilPicture(history: Self.history([:], lastYear: lastYear), calendar: TimeMissedTests.calendar, policy: .standard,
                                   asOf: Self.d("2026-12-07"))
        #expect(picture.years[1].label == "Last year (2025 to 2026)")
        #expect(picture.years[1].figures.possible == 44)
        #expect(picture.years[1].figures.authorised == 10)
        #expect(picture.years[1].persistentlyAbsent)
        #expect(!picture.years[0].persistentlyAbsent)
        #expect(picture.years[0].figures.attendanceRate == 1)
    }
}
