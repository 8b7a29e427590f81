import Foundation
import LeaveCore

/// Where e-mail leaves the portal. No SMTP is written here: a sendmail-compatible program
/// (msmtp, postfix, exim) handles SMTP, TLS and authentication.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage, id: Int64, from: String, date: Date) async throws
}

public enum MailSetting: Equatable, Sendable {
    /// Each message written as an RFC 5322 `.eml` file: the default, so trying the portal needs no mail server.
    case directory(String)
    /// Each message piped to `PATH -t -i`.
    case sendmail(String)

    public init(_ text: String) throws {
        if text.hasPrefix("directory:"), text.count > "directory:".count {
            self = .directory(String(text.dropFirst("directory:".count)))
        } else if text.hasPrefix("sendmail:"), text.count > "sendmail:".count {
            self = .sendmail(String(text.dropFirst("sendmail:".count)))
        } else {
            throw MailSettingError(description: "'\(text)' is not a mail setting; use directory:PATH or sendmail:PATH")
        }
    }

    public func transport() -> any MailTransport {
        switch self {
        case .directory(let path): DirectoryTransport(folder: path)
        case .sendmail(let path): SendmailTransport(program: path)
        }
    }
}

public struct MailSettingError: Error, CustomStringConvertible {
    public let description: String
}

/// An e-mail as RFC 5322 text: headers with non-ASCII encoded (RFC 2047), and the body twice in
/// one multipart/alternative (RFC 2046), plain text and a simple HTML version of the same words.
enum RFC5322 {
    static func text(_ message: MailMessage, id: Int64, from: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let boundary = "leave-portal-\(id)-\(Int(date.timeIntervalSince1970))"
        let plain = crlf(message.text)
        let headers = [
            "From: \(header(from))",
            "To: \(header(message.to))",
            "Subject: \(header(message.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(boundary)@\(from.split(separator: "@").last ?? "localhost")>",
            "MIME-Version: 1.0",
        ]
        let words = [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            plain,
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            crlf(html(message)),
            "--\(boundary)--",
            "",
        ]
        guard !message.attachments.isEmpty else { return (headers + words).joined(separator: "\r\n") }
        // The words, then each file (RFC 2046 multipart/mixed; RFC 2183 attachment; base64 in 76-character lines).
        let mixed = boundary + "-mixed"
        var parts = headers + ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)"] + words
        for file in message.attachments {
            let name = file.fileName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            let encoded = Data(file.bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            parts += ["--\(mixed)", "Content-Type: \(file.contentType); name=\"\(name)\"", "Content-Transfer-Encoding: base64",
                      "Content-Disposition: attachment; filename=\"\(name)\"", "", encoded]
        }
        return (parts + ["--\(mixed)--", ""]).joined(separator: "\r\n")
    }

    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// The same words as HTML, in the plain style of GOV.UK Notify: a paragraph for each block,
    /// links made clickable, everything escaped.
    static func html(_ message: MailMessage) -> String {
        let paragraphs = message.text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").map { block in
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                    let text = String(word)
                    guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return text.markupEscaped }
                    return "<a href=\"\(text.markupEscaped)\">\(text.markupEscaped)</a>"
                }.joined(separator: " ")
            }
            return "<p style=\"margin: 0 0 20px 0; font-size: 19px; line-height: 25px;\">" + lines.joined(separator: "<br>") + "</p>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>\(message.subject.markupEscaped)</title></head>
            <body style="font-family: Helvetica, Arial, sans-serif; color: #0b0c0c; margin: 0; padding: 20px;">
            \(paragraphs.joined(separator: "\n"))
            </body></html>
            """
    }

    /// A header value with no line breaks (no header injection), RFC 2047-encoded when not ASCII.
    static func header(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !flat.allSatisfy(\.isASCII) else { return flat }
        return "=?utf-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }
}

struct DirectoryTransport: MailTransport {
    let folder: String

    func send(_ message: MailMessage, id: Int64, from: String, date: Date) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let url = URL(fileURLWithPath: folder).appendingPathComponent("\(id).eml")
        try Data(RFC5322.text(message, id: id, from: from, date: date).utf8).write(to: url, options: .atomic)
    }
}

struct SendmailTransport: MailTransport {
    let program: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ message: MailMessage, id: Int64, from: String, date: Date) async throws {
        let program = self.program
        let text = RFC5322.text(message, id: id, from: from, date: date)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            // The envelope sender too, so what comes back reaches the portal's own mailbox (--bounces).
            process.arguments = ["-t", "-i", "-f", from]
            let input = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            process.terminationHandler = { finished in
                let said = String(decoding: errors.fileHandleForReading.availableData.prefix(300), as: UTF8.self)
                if finished.terminationStatus == 0 {
                    continuation.resume()
                } else {
                    continuation.resume(throwing: Failure(description: "sendmail exited \(finished.terminationStatus): \(said)"))
                }
            }
            do {
                try process.run()
                input.fileHandleForWriting.write(Data(text.utf8))
                try input.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: Failure(description: "cannot run \(program): \(error.localizedDescription)"))
            }
        }
    }
}
