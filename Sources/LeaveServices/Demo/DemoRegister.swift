import Foundation
import LeaveCore
import LeaveImport
import LeaveStore

/// The demo schools' pupils and a believable attendance history (last year in full, this
/// year to yesterday), written as a CTF and brought in through the real importer, so every
/// demo start exercises it. The marks are the same for the same pupil and day every time.
enum DemoRegister {
    static func importRoll(of school: School, store: any PortalStore, clock: SchoolClock) async throws -> ImportReport {
        let today = clock.today
        let calendar = try await store.calendar(schoolID: school.id)
        let yearStart = today.academicYearStart
        let entries = DemoTrust.roll(of: school).enumerated().map { index, pupil in
            var years: [CTFAttendanceYear] = []
            for academicYear in [yearStart - 1, yearStart] {
                let start = SchoolDate(year: academicYear, month: 9, day: 1)!
                let end = min(SchoolDate(year: academicYear + 1, month: 8, day: 31)!, today.adding(days: -1))
                guard start <= end else { continue }
                years.append(CTFWriter.year(marks(pupil: index, calendar: calendar, from: start, to: end),
                                            academicYear: academicYear, from: start, to: end))
            }
            return CTFWriter.Entry(pupil: pupil, years: years)
        }
        let header = CTFHeader(version: "25.0", laCode: "999", estab: school.name.hasPrefix("Oak") ? "2001" : "2002", schoolName: school.name)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).xml")
        try CTFWriter.document(header: header, entries: entries).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await RegisterImports(store: store, clock: clock).run(.ctf, path: file.path, fileName: "demo-roll.xml",
                                                                         schoolID: school.id, actorName: "Demo set-up").1
    }

    /// Mostly present; some illness and appointments; a few pupils with patterns the rules
    /// care about (a family holiday taken unauthorised, frequent absence).
    public static func marks(pupil: Int, calendar: SchoolCalendar, from start: SchoolDate, to end: SchoolDate) -> [SessionMark] {
        var marks: [SessionMark] = []
        var day = start
        while day <= end {
            if calendar.isSchoolDay(day) {
                for session in Session.allCases {
                    marks.append(SessionMark(day, session, code(pupil: pupil, day: day, session: session)))
                }
            }
            day = day.adding(days: 1)
        }
        return marks
    }

    public static func code(pupil: Int, day: SchoolDate, session: Session) -> AttendanceCode {
        let roll = mix(pupil &* 7919 &+ day.dayNumber &* 31 &+ (session == .am ? 0 : 17)) % 1000
        let present: AttendanceCode = session == .am ? .presentAM : .presentPM
        // Pupil 3 took a week's holiday without permission in the October before half term.
        if pupil == 3 && day.month == 10 && (13...17).contains(day.day) { return .unauthorisedHoliday }
        // Pupil 8 is persistently absent: about one session in six.
        if pupil == 8 && roll < 170 { return roll < 60 ? .unauthorisedOther : .illness }
        switch roll {
        case 0..<25: return .illness
        case 25..<30: return .medical
        case 30..<40: return .late
        case 40..<42: return .lateAfterRegisterClosed
        case 42..<44: return .unauthorisedOther
        default: return present
        }
    }

    /// A small integer hash, so the marks look random but never change between runs.
    public static func mix(_ value: Int) -> Int {
        var x = UInt64(bitPattern: Int64(value)) &+ 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((x ^ (x >> 31)) % 1_000_003)
    }
}
