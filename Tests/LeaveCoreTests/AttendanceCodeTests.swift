import Testing
@testable import LeaveCore

/// The national codes of August 2024 (001 Appendix 1; rules.md "Sessions").
@Suite("Attendance codes")
struct AttendanceCodeTests {
    @Test(arguments: ["/", "\\", "L"])
    func presentCodesCountAsAttendance(_ text: String) throws {
        let code = try #require(AttendanceCode(register: text))
        #expect(code.category == .present)
        #expect(code.isPossibleSession && code.countsAsAttendance)
    }

    /// 001 Appendix 1 "Attending a place other than the school": counted as attendance.
    @Test(arguments: ["K", "V", "P", "W", "B", "D"])
    func approvedActivitiesCountAsAttendance(_ text: String) throws {
        let code = try #require(AttendanceCode(register: text))
        #expect(code.category == .approvedActivity)
        #expect(code.countsAsAttendance && code.isPossibleSession)
    }

    @Test(arguments: ["C1", "M", "J1", "S", "C2", "C", "T", "R", "I", "E"])
    func authorisedAbsences(_ text: String) throws {
        let code = try #require(AttendanceCode(register: text))
        #expect(code.isAuthorisedAbsence)
        #expect(!code.countsAsAttendance && !code.isUnauthorisedAbsence && code.isPossibleSession)
    }

    @Test(arguments: ["G", "N", "O", "U"])
    func unauthorisedAbsences(_ text: String) throws {
        let code = try #require(AttendanceCode(register: text))
        #expect(code.isUnauthorisedAbsence && code.isPossibleSession)
        #expect(code.category == .unauthorised)
    }

    /// rules.md: X, Z, # and the Y codes are not possible sessions; Q is treated with the Y codes.
    @Test(arguments: ["X", "Z", "#", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"])
    func codesThatAreNotPossibleSessions(_ text: String) throws {
        let code = try #require(AttendanceCode(register: text))
        #expect(!code.isPossibleSession)
        #expect(!code.isAuthorisedAbsence && !code.isUnauthorisedAbsence && !code.countsAsAttendance)
    }

    @Test func everyCodeHasAMeaningAndRoundTrips() {
        #expect(AttendanceCode.allCases.count == 34)
        for code in AttendanceCode.allCases {
            #expect(!code.meaning.isEmpty)
            #expect(AttendanceCode(register: code.rawValue) == code)
        }
    }

    /// 000 lists H (authorised holiday); codes retired in 2024 still read in older years.
    @Test func retiredCodesAreMappedToTheirSuccessors() {
        #expect(AttendanceCode(register: "H")?.isAuthorisedAbsence == true)
        #expect(AttendanceCode(register: "F")?.isAuthorisedAbsence == true)
        #expect(AttendanceCode(register: "J") == .interview)
        #expect(AttendanceCode(register: "Y")?.isPossibleSession == false)
        #expect(AttendanceCode(register: "c1") == .performanceLicence)
        #expect(AttendanceCode(register: "A") == nil)
        #expect(AttendanceCode(register: "-") == nil)
    }
}
