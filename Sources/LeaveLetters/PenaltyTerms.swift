import LeaveCore

/// What a penalty notice costs and when one is considered, as the school's policy settings say
/// (001 §5.2: £80 within 21 days or £160 within 28 for a first notice, £160 for a second for the
/// same pupil, other action instead of a third within three years), for the letters that warn of it.
public struct PenaltyTerms: Hashable, Sendable {
    /// Paid promptly, then later, in pounds, per parent per child.
    public let amounts: [Int]
    public let thresholdSessions: Int
    public let windowSchoolWeeks: Int

    public init(amounts: [Int], thresholdSessions: Int, windowSchoolWeeks: Int) {
        self.amounts = amounts
        self.thresholdSessions = thresholdSessions
        self.windowSchoolWeeks = windowSchoolWeeks
    }

    public init(_ policy: PolicySettings) {
        self.init(amounts: policy.penaltyNoticeAmounts, thresholdSessions: policy.penaltyThresholdSessions,
                  windowSchoolWeeks: policy.penaltyWindowSchoolWeeks)
    }

    /// What the letters' penalty paragraphs need; an amount the school has not set leaves
    /// its paragraph out.
    var placeholderValues: [String: String] {
        var values = ["penaltyThreshold": "\(thresholdSessions) sessions (\(Self.days(thresholdSessions)))",
                      "penaltyWeeks": "\(windowSchoolWeeks)"]
        if let first = amounts.first {
            let later = amounts.dropFirst().first ?? first
            values["firstPenalty"] = "£\(first)"
            values["laterPenalty"] = "£\(later)"
            values["secondPenalty"] = "£\(later)"
        }
        return values
    }

    private static func days(_ sessions: Int) -> String {
        sessions % 2 == 0 ? "\(sessions / 2) school days" : "\(sessions / 2)½ school days"
    }
}
