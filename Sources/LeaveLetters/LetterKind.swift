/// The letters a school words for itself, one file each in letters/: what a parent is told for
/// each outcome and kind, and the parts every letter shares (`common`).
public enum LetterKind: String, CaseIterable, Sendable {
    case granted
    case grantedInPart = "granted-in-part"
    case refused
    /// A performance whose licence names its days: the licence authorises it (000).
    case licence
    case lunchtimeGranted = "lunchtime-granted"
    case lunchtimeRefused = "lunchtime-refused"
    /// Said first in a letter that changes an earlier decision.
    case amended
    /// A grant of leave withdrawn.
    case rescinded
    /// A lunchtime permission withdrawn by the school (000: "with written reasons").
    case lunchtimeStopped = "lunchtime-stopped"
    /// Not decided yet: the headteacher asks the parent for evidence first (001 §5.1).
    case evidenceAsked = "evidence-asked"
    case common

    public var file: String { "letters/\(rawValue).yaml" }

    /// The keys its file may have, and which of them it must.
    var keys: (allowed: Set<String>, required: Set<String>) {
        switch self {
        case .common: (["greeting", "closing", "signOff"], ["greeting", "closing", "signOff"])
        case .amended: (["opening", "reasonHeading"], ["opening", "reasonHeading"])
        case .rescinded, .lunchtimeStopped: (["opening", "reasonHeading", "after"], ["opening", "reasonHeading"])
        default: (["subject", "opening", "reasonHeading", "after"], ["subject", "opening", "reasonHeading"])
        }
    }

    static let everyLetter: Set<String> = ["school", "headteacher", "parent", "pupil", "forename", "reference",
                                           "yearGroup", "letterDate", "reviewProcedure"]
    static let leave: Set<String> = ["period", "firstSession", "lastSession", "schoolTime", "returnDay", "code", "codeMeaning"]
    static let lunchtime: Set<String> = ["days", "from", "until", "collector", "returnBy"]
    static let penalty: Set<String> = ["penaltyThreshold", "penaltyWeeks", "firstPenalty", "laterPenalty", "secondPenalty"]
    static let earlier: Set<String> = ["previousDate", "previousOutcome"]

    /// The placeholders its text may use; the loader refuses any other, so a typing mistake is
    /// found when the portal starts rather than in a parent's letter.
    public var placeholders: Set<String> {
        let common = Self.everyLetter
        switch self {
        case .common: return common
        case .granted: return common.union(Self.leave)
        case .grantedInPart: return common.union(Self.leave).union(Self.penalty).union(["grantedPeriod", "refusedCode"])
        case .refused: return common.union(Self.leave).union(Self.penalty).union(["refusedCode", "thoseDays"])
        case .licence: return common.union(Self.leave).union(["licence"])
        case .lunchtimeGranted, .lunchtimeRefused: return common.union(Self.lunchtime)
        case .amended: return common.union(Self.earlier)
        case .rescinded: return common.union(Self.leave).union(Self.earlier)
        case .lunchtimeStopped: return common.union(Self.lunchtime).union(Self.earlier)
        case .evidenceAsked: return common.union(Self.leave).union(Self.lunchtime).union(["portalAddress"])
        }
    }
}
