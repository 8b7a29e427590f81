/// An e-mail the portal sends: written to the outbox in the same transaction as the event it
/// reports, so it is never lost and never sent for something that was rolled back.
public struct MailMessage: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case invitation
        case passwordReset = "password-reset"
        case requestReceived = "request-received"
        case newRequest = "new-request"
        case decision
        case evidenceRequested = "evidence-requested"
    }

    public let schoolID: Int64
    public let kind: Kind
    public let to: String
    public let subject: String
    public let text: String
    /// Files sent with it: the decision letter's PDF, added by the outbox when it is sent.
    public var attachments: [MailAttachment] = []

    public init(schoolID: Int64, kind: Kind, to: String, subject: String, text: String) {
        self.schoolID = schoolID
        self.kind = kind
        self.to = to
        self.subject = subject
        self.text = text
    }
}

/// A file attached to an e-mail.
public struct MailAttachment: Hashable, Sendable {
    public let fileName: String
    public let contentType: String
    public let bytes: [UInt8]

    public init(fileName: String, contentType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
    }
}
