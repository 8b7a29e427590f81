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

    var sentences: [String] {
        var sentences = ["A penalty notice can be considered when a pupil has \(thresholdSessions) sessions (\(Self.days(thresholdSessions))) of unauthorised absence within \(windowSchoolWeeks) school weeks."]
        if let first = amounts.first {
            let later = amounts.dropFirst().first
            sentences.append("A first penalty notice is £\(first) for each parent, for each child, if paid within 21 days"
                             + (later.map { ", or £\($0) if paid within 28 days." } ?? "."))
            sentences.append("A second notice for the same child is £\(later ?? first), paid within 28 days. A third is not issued within three years of the first; the local authority takes other action instead, which can include prosecution.")
        }
        return sentences
    }

    private static func days(_ sessions: Int) -> String {
        sessions % 2 == 0 ? "\(sessions / 2) school days" : "\(sessions / 2)½ school days"
    }
}
