import LeaveCore

enum CSVDates {
    /// ISO dates, and the day/month/year form English MIS exports and spreadsheets use.
    static func parse(_ text: String) -> SchoolDate? {
        if let iso = SchoolDate(iso: text.prefix(10)) { return iso }
        let parts = text.split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2].prefix(4)), parts[2].count >= 4 else {
            return nil
        }
        return SchoolDate(year: y, month: m, day: d)
    }
}
