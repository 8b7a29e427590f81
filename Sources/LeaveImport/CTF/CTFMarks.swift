import LeaveCore

/// Turns a CTF year's mark string into session marks and checks them against the year's
/// summary counts, so a file whose two halves disagree is caught before anything is saved.
enum CTFMarks {
    static func decode(_ year: CTFAttendanceYear) -> Result<[SessionMark], Mismatch> {
        guard let startText = year.startDate, let start = SchoolDate(iso: startText.prefix(10)) else {
            return .failure(Mismatch("AttendanceStartDate '\(year.startDate ?? "")' is not a date"))
        }
        // Only the whitespace around the marks is stripped: inside, every character is a session.
        let marks = Array((year.marks ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        var decoded: [SessionMark] = []
        decoded.reserveCapacity(marks.count / 2 + 1)
        for (index, character) in marks.enumerated() {
            // "#": the school was not in session; "-": no mark was taken.
            if character == "#" || character == "-" { continue }
            let point = SessionPoint(start.adding(days: index / 2), index % 2 == 0 ? .am : .pm)
            guard let code = singleCharacterCodes[character] else {
                return .failure(Mismatch("unknown attendance code '\(character)' on \(point.date.iso) \(point.session.rawValue)"))
            }
            decoded.append(SessionMark(point, code))
        }
        let figures = AttendanceFigures(decoded)
        let checks: [(String, Int?, Int)] = [
            ("SessionsPossible", year.possible, figures.possible),
            ("SessionsAttended", year.attended, figures.attended),
            ("SessionsAuthorised", year.authorised, figures.authorised),
            ("SessionsUnauthorised", year.unauthorised, figures.unauthorised),
        ]
        for (name, stated, counted) in checks {
            if let stated, stated != counted {
                return .failure(Mismatch("the marks give \(counted) for \(name) but the file says \(stated)"))
            }
        }
        return .success(decoded)
    }

    /// Every code a one-character-per-session string can hold, looked up once rather than
    /// parsed for each of a school's half-million marks.
    static let singleCharacterCodes: [Character: AttendanceCode] = {
        var table: [Character: AttendanceCode] = [:]
        for text in AttendanceCode.allCases.map(\.rawValue).filter({ $0.count == 1 }) + ["H", "F", "J", "Y"] {
            for variant in [text, text.lowercased()] {
                if let code = AttendanceCode(register: variant), let character = variant.first { table[character] = code }
            }
        }
        return table
    }()

    struct Mismatch: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
