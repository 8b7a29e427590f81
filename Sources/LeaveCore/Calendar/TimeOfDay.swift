/// A time of the school day, as people type and read it: "1pm", "12:45", "1.15 pm", "midday".
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Minutes after midnight.
    public let minutes: Int

    /// Any number of minutes, kept within the day.
    public init(clamping minutes: Int) {
        self.minutes = min(max(minutes, 0), 24 * 60 - 1)
    }

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// Reads "13:15", "1:15pm", "1.15 p.m.", "1pm", "12 noon", "midday"; nil for anything else
    /// ("half ten" is not a time a form can check).
    public init?(_ typed: String) {
        var text = typed.lowercased().filter { !$0.isWhitespace }.replacingOccurrences(of: ".m.", with: "m")
            .replacingOccurrences(of: "a.m", with: "am").replacingOccurrences(of: "p.m", with: "pm")
        if text == "midday" || text == "noon" || text == "12noon" { self.init(hour: 12, minute: 0); return }
        if text == "midnight" { self.init(hour: 0, minute: 0); return }
        var suffix: String?
        for ending in ["am", "pm"] where text.hasSuffix(ending) {
            suffix = ending
            text.removeLast(2)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).count == 2
            ? text.split(separator: ":", omittingEmptySubsequences: false)
            : text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              var hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0,
              parts.count == 1 ? suffix != nil : parts[1].count == 2
        else { return nil }
        if let suffix {
            guard (1...12).contains(hour) else { return nil }
            hour = suffix == "am" ? hour % 12 : hour % 12 + 12
        }
        self.init(hour: hour, minute: minute)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// As GOV.UK writes times: "9am", "1:15pm", "midday", "midnight".
    public var description: String {
        switch (hour, minute) {
        case (0, 0): return "midnight"
        case (12, 0): return "midday"
        default:
            let clock = hour % 12 == 0 ? 12 : hour % 12
            let suffix = hour < 12 ? "am" : "pm"
            return minute == 0 ? "\(clock)\(suffix)" : "\(clock):\(minute < 10 ? "0" : "")\(minute)\(suffix)"
        }
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}
