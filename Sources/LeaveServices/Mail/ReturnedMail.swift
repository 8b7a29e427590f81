import Foundation
import LeaveCore
import LeaveStore

/// E-mail that a recipient's server accepted from the portal's sendmail and later sent back:
/// the delivery reports (RFC 3464) that arrive in the portal's own mailbox, a Maildir the
/// person running the portal points `--bounces` at. Each report that names a message the portal
/// sent marks it failed, so the office sees it with the other failures and an invitation shows
/// "not delivered". Every report read is moved from `new/` to `cur/`, as a mail reader would.
public struct ReturnedMail: Sendable {
    let store: any OutboxStore
    let folder: String
    let clock: SchoolClock
    /// A report larger than this is not one (it carries the whole message back at most).
    static let largestReport = 2 * 1_048_576

    public init(store: any OutboxStore, maildir: String, clock: SchoolClock) {
        self.store = store
        self.folder = maildir
        self.clock = clock
    }

    /// What one report says: which of the portal's messages, to whom, and why.
    public struct Report: Equatable, Sendable {
        public let outboxID: Int64
        public let recipient: String
        public let detail: String
    }

    /// Reads every new report; returns how many marked a message failed.
    @discardableResult
    public func readNew() async throws -> Int {
        let new = URL(fileURLWithPath: folder).appendingPathComponent("new")
        let cur = URL(fileURLWithPath: folder).appendingPathComponent("cur")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: new.path) else { return 0 }
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        var marked = 0
        for name in names.sorted() where !name.hasPrefix(".") {
            let file = new.appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            if size <= Self.largestReport, let data = FileManager.default.contents(atPath: file.path),
               let report = Self.report(in: String(decoding: data, as: UTF8.self)),
               try await store.markBounced(id: report.outboxID, recipient: report.recipient, detail: report.detail, at: clock.now) {
                marked += 1
            }
            // Read once: to cur/ with Maildir's "seen" flag, whatever it held.
            try? FileManager.default.moveItem(at: file, to: cur.appendingPathComponent(name.contains(":2,") ? name : name + ":2,S"))
        }
        return marked
    }

    /// The failure a delivery status notification reports, if it is one about a message of ours.
    /// Only "Action: failed" counts: "delayed" is a server still trying.
    public static func report(in text: String) -> Report? {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        func field(_ name: String) -> String? {
            lines.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        guard text.range(of: "delivery-status", options: .caseInsensitive) != nil,
              let action = field("Action"), action.lowercased().hasPrefix("failed"),
              let finalRecipient = field("Final-Recipient") ?? field("Original-Recipient")
        else { return nil }
        // "rfc822; someone@example.org"
        let recipient = finalRecipient.split(separator: ";").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        // The original message's id, as the portal wrote it: <leave-portal-ID-SECONDS@host>.
        guard let messageID = lines.first(where: { $0.lowercased().hasPrefix("message-id:") && $0.contains("<leave-portal-") }),
              let start = messageID.range(of: "<leave-portal-")
        else { return nil }
        let digits = messageID[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard !recipient.isEmpty, recipient.count <= 254, (1...18).contains(digits.count), let id = Int64(digits) else { return nil }
        let status = field("Status") ?? ""
        let diagnostic = field("Diagnostic-Code").map { $0.split(separator: ";").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? $0 } ?? ""
        let detail = [status, String(diagnostic.prefix(200))].filter { !$0.isEmpty }.joined(separator: " ")
        return Report(outboxID: id, recipient: recipient, detail: detail.isEmpty ? "returned by the recipient's server" : detail)
    }
}
