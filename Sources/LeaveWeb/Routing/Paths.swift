import Foundation
import Hummingbird
import LeaveCore

/// A route's path with `:name` segments: the router registers the pattern, and pages get
/// links built from the same value, so a path is written once.
struct PathPattern: Sendable, CustomStringConvertible {
    let pattern: String
    /// The pattern cut once into its segments, so building a link (fifty a list page) costs no parsing.
    private let segments: [Substring]

    init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
    }

    var description: String { pattern }

    var routerPath: RouterPath { RouterPath(pattern) }

    /// The path with each `:name` segment filled in, in order, each value escaped for a path segment.
    func callAsFunction(_ values: String...) -> String {
        var remaining = values[...]
        var path = ""
        for (index, segment) in segments.enumerated() {
            if index > 0 { path += "/" }
            if segment.first == ":", let value = remaining.popFirst() {
                path += Self.escaped(value)
            } else {
                path += segment
            }
        }
        return path
    }

    /// References and ids need no escaping; anything else is percent-encoded for one segment.
    static func escaped(_ value: String) -> String {
        if value.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }) { return value }
        return value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? ""
    }

    static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
}

/// Every path of the portal.
enum Paths {
    static let home = PathPattern("/")
    static let health = PathPattern("/health")
    static let login = PathPattern("/login")
    static let logout = PathPattern("/logout")
    static let forgottenPassword = PathPattern("/password/forgotten")
    static let resetPassword = PathPattern("/password/reset/:token")
    static let account = PathPattern("/account")
    static let changePassword = PathPattern("/account/password")
    static let signOutEverywhere = PathPattern("/account/sign-out-everywhere")
    static let stylesheet = "/public/css/portal.css"
    static let printStylesheet = "/public/css/print.css"

    enum Parent {
        static let home = PathPattern("/parent")
        static let child = PathPattern("/parent/children/:id")
        static let newRequest = PathPattern("/parent/requests/new")
        static let request = PathPattern("/parent/requests/:reference")
        static let confirmation = PathPattern("/parent/requests/:reference/confirmation")
        static let withdraw = PathPattern("/parent/requests/:reference/withdraw")
        static let evidence = PathPattern("/parent/requests/:reference/evidence")
        /// The licence added to a performance sent before it was issued.
        static let licence = PathPattern("/parent/requests/:reference/licence")
        /// The letter of the decision that stands, as the office printed it.
        static let letter = PathPattern("/parent/requests/:reference/letter.pdf")

        static func child(_ id: Int64) -> String { child(String(id)) }
        static func request(_ reference: ReferenceNumber) -> String { request(reference.text) }
        static func confirmation(_ reference: ReferenceNumber) -> String { confirmation(reference.text) }
        static func withdraw(_ reference: ReferenceNumber) -> String { withdraw(reference.text) }
        static func evidence(_ reference: ReferenceNumber) -> String { evidence(reference.text) }
        static func licence(_ reference: ReferenceNumber) -> String { licence(reference.text) }
        static func letter(_ reference: ReferenceNumber) -> String { letter(reference.text) }
    }

    enum Forms {
        static let list = PathPattern("/parent/forms")
        static let start = PathPattern("/parent/forms/:form")
        static let check = PathPattern("/parent/forms/:form/check")
        static let submit = PathPattern("/parent/forms/:form/submit")
        static let page = PathPattern("/parent/forms/:form/:page")

        /// A page opened from "Check your answers" to change one answer, landing on its input.
        static func change(form: String, page: String, anchor: String) -> String {
            Self.page(form, page) + "?change=1#" + anchor
        }
    }

    static let file = PathPattern("/files/:id")
    /// An invitation's page: choose a password. The path is the one the e-mail's link names.
    static let invitation = PathPattern("/invitations/:token")

    enum Decisions {
        static let queue = PathPattern("/decisions")
        /// Decided requests, most recent first (a fixed segment, so it wins over `:reference`).
        static let decided = PathPattern("/decisions/decided")
        /// Every clause of the policies the rules rest on, in their words.
        static let policies = PathPattern("/decisions/policies")
        /// A pupil's attendance and every request for them and their brothers and sisters.
        static let pupil = PathPattern("/decisions/pupils/:pupil")
        static let request = PathPattern("/decisions/:reference")
        static let askForEvidence = PathPattern("/decisions/:reference/evidence")
        /// A meeting with the parent or a consultation, kept as its own step (`:kind` is `RequestNote.Kind`).
        static let note = PathPattern("/decisions/:reference/notes/:kind")
        /// A performance authorised by its licence, recorded in one step.
        static let licence = PathPattern("/decisions/:reference/licence")
        /// A decision amended or rescinded, the earlier one kept.
        static let amend = PathPattern("/decisions/:reference/amend")

        static func request(_ reference: ReferenceNumber) -> String { request(reference.text) }
        /// The request's page just after its decision was recorded, with the banner saying so.
        static func recorded(_ reference: ReferenceNumber) -> String { request(reference.text) + "?recorded=1" }
        static func askForEvidence(_ reference: ReferenceNumber) -> String { askForEvidence(reference.text) }
        static func note(_ reference: ReferenceNumber, _ kind: RequestNote.Kind) -> String { note(reference.text, kind.rawValue) }
        static func licence(_ reference: ReferenceNumber) -> String { licence(reference.text) }
        static func amend(_ reference: ReferenceNumber) -> String { amend(reference.text) }
    }

    enum Office {
        /// The office's day: letters waiting, evidence asked for, lunchtime, e-mails that failed.
        static let today = PathPattern("/office")
        /// Today's lunchtime permissions, signing children out and in; `?day=` an earlier day's record.
        static let lunchtime = PathPattern("/office/lunchtime")
        static let lunchtimeOut = PathPattern("/office/lunchtime/:reference/out")
        static let lunchtimeIn = PathPattern("/office/lunchtime/:reference/in")
        static let letters = PathPattern("/office/letters")
        static let printedLetters = PathPattern("/office/letters/printed")
        static let letter = PathPattern("/office/letters/:id")
        static let printed = PathPattern("/office/letters/:id/printed")
        /// A letter printed again from the PDF kept with its decision (audited).
        static let reprint = PathPattern("/office/letters/:id/reprint")
        /// Every waiting letter as one PDF, and the step that marks the same letters printed.
        static let waitingPDF = PathPattern("/office/letters/waiting.pdf")
        static let printedBatch = PathPattern("/office/letters/printed-batch")
        /// The codes the decisions give, for the MIS's register, as CSV for a span of days.
        static let register = PathPattern("/office/register")
        /// Exports those codes and marks them exported; each export can be downloaded again.
        static let registerExport = PathPattern("/office/register/export")
        static let registerExportFile = PathPattern("/office/register/exports/:id")
        static let imports = PathPattern("/office/imports")
        static let invitations = PathPattern("/office/invitations")
        static let resendInvitation = PathPattern("/office/invitations/:id/resend")
        /// Performances authorised by a licence naming their days, recorded by the office in one step.
        static let licence = PathPattern("/office/licences/:reference")

        static func licence(_ reference: ReferenceNumber) -> String { licence(reference.text) }
        static func lunchtimeOut(_ reference: ReferenceNumber) -> String { lunchtimeOut(reference.text) }
        static func lunchtimeIn(_ reference: ReferenceNumber) -> String { lunchtimeIn(reference.text) }

        static func letter(_ id: Int64) -> String { letter(String(id)) }
        static func printed(_ id: Int64) -> String { printed(String(id)) }
        static func reprint(_ id: Int64) -> String { reprint(String(id)) }
        /// The letter's stored PDF: the same route as its page, with ".pdf".
        static func letterPDF(_ id: Int64) -> String { letter(String(id)) + ".pdf" }
        static func registerExportCSV(_ id: Int64) -> String { registerExportFile(String(id) + ".csv") }
    }

    enum Admin {
        static let settings = PathPattern("/admin")
        static let staff = PathPattern("/admin/staff")
        static let staffRole = PathPattern("/admin/staff/:id/role")
        static let notifications = PathPattern("/admin/staff/notifications")
        static let resendInvitation = PathPattern("/admin/staff/invitations/:id/resend")
        static let staffClose = PathPattern("/admin/staff/:id/close")
        static let policy = PathPattern("/admin/policy")
        /// The school's crest for the letters: uploaded, shown, removed.
        static let crest = PathPattern("/admin/crest")
        static let crestImage = PathPattern("/admin/crest.png")
        static let crestRemove = PathPattern("/admin/crest/remove")
        /// Everything done to the school's requests, newest first, filtered by what was done.
        static let audit = PathPattern("/admin/audit")
        static let calendar = PathPattern("/admin/calendar")
        static let calendarImport = PathPattern("/admin/calendar/import")
        static let calendarSave = PathPattern("/admin/calendar/import/save")
        static let terms = PathPattern("/admin/calendar/terms")
        static let closures = PathPattern("/admin/calendar/closures")
        static let removeTerm = PathPattern("/admin/calendar/terms/:id/remove")
        static let removeClosure = PathPattern("/admin/calendar/closures/:id/remove")
        static let assessments = PathPattern("/admin/calendar/assessments")
        static let religiousDays = PathPattern("/admin/calendar/religious-days")
        static let removeAssessment = PathPattern("/admin/calendar/assessments/:id/remove")
        static let removeReligiousDay = PathPattern("/admin/calendar/religious-days/:id/remove")

        static func removeAssessment(_ id: Int64) -> String { removeAssessment(String(id)) }
        static func removeReligiousDay(_ id: Int64) -> String { removeReligiousDay(String(id)) }
    }

    /// Where each role starts after signing in.
    static func home(for role: Role) -> String {
        switch role {
        case .parent: Parent.home()
        case .headteacher, .deputy: Decisions.queue()
        case .office: Office.today()
        case .admin: Admin.settings()
        }
    }
}

extension Paths {
    /// A query string of these names and values, each value percent-encoded (a GET form's filters).
    static func query(_ items: [(String, String)]) -> String {
        items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? "")" }.joined(separator: "&")
    }

    static let queryValueCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
}
