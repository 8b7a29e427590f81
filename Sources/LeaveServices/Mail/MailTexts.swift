import Foundation
import LeaveCore

/// The portal's e-mails, short and plain in the style of GOV.UK Notify: what happened, what to
/// do, by when, and how to contact the school. No message carries more than it must.
public struct MailTexts: Sendable {
    /// The base of every link, e.g. https://leave.oakhollow.sch.uk.
    public let publicURL: String

    public init(publicURL: String) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    public func contact(_ school: School) -> String {
        var lines = ["\(school.name)"]
        if !school.telephone.isEmpty { lines.append("Telephone: \(school.telephone)") }
        if !school.email.isEmpty { lines.append("Email: \(school.email)") }
        return lines.joined(separator: "\n")
    }

    public func invitation(to invitee: String, name: String, role: Role, school: School, link: String, expires: String) -> MailMessage {
        let what = role == .parent
            ? "so you can ask the school for leave for your child and see what the school decides"
            : "as \(role.title.lowercased())"
        return MailMessage(schoolID: school.id, kind: .invitation, to: invitee,
                           subject: "Your account for \(school.name)'s leave requests", text: """
            Dear \(name),

            \(school.name) has made you an account on its leave portal, \(what).

            To choose your password and sign in, open this link:
            \(link)

            The link works once, until \(expires). If it has expired, ask the school to send a new one.

            If you did not expect this email, you can ignore it.

            \(contact(school))
            """)
    }

    public func requestReceived(to parent: Account, requests: [LeaveRequest], pupils: [Pupil], school: School, dueBy: String?) -> MailMessage {
        // Typed as String: a string literal alone could be taken for another interpolatable type.
        let lines: [String] = requests.map { request in
            let pupil = pupils.first { $0.id == request.application.pupilID }?.fullName ?? "your child"
            return "- \(request.reference.text): \(pupil), \(request.application.title.lowercased()), \(request.application.start.date.longForm)"
        }
        return MailMessage(schoolID: school.id, kind: .requestReceived, to: parent.email,
                           subject: "We have your request (\(requests.first?.reference.text ?? ""))", text: """
            Dear \(parent.displayName),

            \(school.name) has your request:
            \(lines.joined(separator: "\n"))

            The headteacher will decide and you will get a letter with the decision.\(dueBy.map { " \($0)" } ?? "")

            You can see where it stands, or withdraw it, at \(publicURL)/parent

            \(contact(school))
            """)
    }

    /// For the headteacher and deputies: a new request waiting in the queue.
    public func newRequest(to staff: Account, requests: [LeaveRequest], school: School) -> MailMessage {
        let lines: [String] = requests.map { "- \($0.reference.text): \($0.application.title.lowercased()), from \($0.application.start.date.longForm)" }
        return MailMessage(schoolID: school.id, kind: .newRequest, to: staff.email,
                           subject: "New leave request\(requests.count == 1 ? "" : "s") to decide (\(requests.first?.reference.text ?? ""))", text: """
            Dear \(staff.displayName),

            A parent at \(school.name) has sent:
            \(lines.joined(separator: "\n"))

            The decision queue is at \(publicURL)/decisions
            """)
    }

    public func evidenceRequested(to parent: Account, request: LeaveRequest, pupil: Pupil, note: String, school: School) -> MailMessage {
        MailMessage(schoolID: school.id, kind: .evidenceRequested, to: parent.email,
                    subject: "Evidence needed for your request \(request.reference.text)", text: """
            Dear \(parent.displayName),

            Before deciding your request \(request.reference.text) for \(pupil.fullName), the headteacher of \(school.name) needs:

            \(note)

            Add it on your request's page: \(publicURL)/parent/requests/\(request.reference.text)

            The request goes back to the headteacher when you send it. You can also bring it to the school office.

            \(contact(school))
            """)
    }

    public func decision(to parent: Account, request: LeaveRequest, pupil: Pupil, decision: Decision, school: School) -> MailMessage {
        MailMessage(schoolID: school.id, kind: .decision, to: parent.email,
                    subject: "Decision on your request \(request.reference.text): \(decision.outcome.title.lowercased())", text: """
            Dear \(parent.displayName),

            The headteacher of \(school.name) has decided your request \(request.reference.text) for \(pupil.fullName).

            Decision: \(decision.outcome.title)

            \(decision.reason)

            The school's letter is attached as a PDF, and the school will also send it by post. You can read the decision, and download the letter again, at \(publicURL)/parent/requests/\(request.reference.text)

            \(contact(school))
            """)
    }
}
