import Foundation
import LeaveCore
import LeaveLetters
import LeaveStore

/// The use cases of one running portal, built once at start over one store and one clock.
/// The web's controllers and the command line reach the portal only through these.
public struct PortalServices: Sendable {
    public let store: any PortalStore
    public let clock: SchoolClock
    public let passwords: Passwords
    public let throttle: SignInThrottle
    /// The request forms declared in forms/, by id.
    public let forms: [String: FormDefinition]
    /// The letters' wording declared in letters/.
    public let wording: LetterWording
    public let evidence: EvidenceFiles
    /// The largest MIS file an import accepts.
    public let importLimitBytes: Int
    /// The e-mails, with links based on the portal's public address.
    public let texts: MailTexts

    public init(store: any PortalStore, clock: SchoolClock, passwords: Passwords, throttle: SignInThrottle? = nil,
                forms: [String: FormDefinition], wording: LetterWording, evidence: EvidenceFiles, importLimitBytes: Int,
                publicURL: String = "http://127.0.0.1:8080") {
        self.texts = MailTexts(publicURL: publicURL)
        self.store = store
        self.clock = clock
        self.passwords = passwords
        self.throttle = throttle ?? SignInThrottle(store: store)
        self.forms = forms
        self.wording = wording
        self.evidence = evidence
        self.importLimitBytes = importLimitBytes
    }

    public var signIn: SignIn { SignIn(accounts: store, passwords: passwords, throttle: throttle, clock: clock) }
    public var accounts: AccountSetup { AccountSetup(store: store, passwords: passwords) }
    public var review: RequestReview { RequestReview(store: store, clock: clock) }
    public var sending: FormSending { FormSending(store: store, clock: clock, evidence: evidence, texts: texts) }
    public var withdrawal: RequestWithdrawal { RequestWithdrawal(store: store, clock: clock) }
    public var decisions: DecisionDesk { DecisionDesk(store: store, clock: clock, texts: texts, wording: wording) }
    /// Evidence sent later follows the leave form's evidence question (or any form's file question).
    public var evidenceReply: EvidenceReply {
        let questions = formsInOrder.flatMap { $0.pages.flatMap(\.questions) }.filter { $0.kind == .file }
        return EvidenceReply(store: store, clock: clock, evidence: evidence, fileQuestion: questions.first)
    }
    public var imports: RegisterImports { RegisterImports(store: store, clock: clock, maxBytes: importLimitBytes) }
    public var settings: SchoolSettings { SchoolSettings(store: store, clock: clock) }
    public var calendarImports: CalendarImports { CalendarImports(store: store, clock: clock) }
    public var invitations: Invitations { Invitations(store: store, passwords: passwords, clock: clock, texts: texts) }
    public var passwordChanges: PasswordChanges { PasswordChanges(store: store, passwords: passwords, clock: clock, texts: texts) }
    public var digests: RequestDigests { RequestDigests(store: store, clock: clock, texts: texts) }
    public var registerExports: RegisterExports { RegisterExports(store: store, clock: clock) }
    public var licences: LicenceAddition { LicenceAddition(store: store, clock: clock) }
    public var lunchtime: LunchtimeDesk { LunchtimeDesk(store: store, clock: clock) }
    public var setup: SchoolSetup { SchoolSetup(store: store, invitations: invitations) }

    /// The forms in the order parents are offered them: leave first, stopping lunchtime last.
    public var formsInOrder: [FormDefinition] {
        let order = ["leave", "medical", "religious", "traveller", "performance", "lunchtime", "lunchtime-stop"]
        return forms.values.sorted { (order.firstIndex(of: $0.id) ?? order.count, $0.id) < (order.firstIndex(of: $1.id) ?? order.count, $1.id) }
    }
}
