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

/// An e-mail as RFC 5322 text: headers with non-ASCII encoded (RFC 2047), a UTF-8 body.
enum RFC5322 {
    static func text(_ message: MailMessage, id: Int64, from: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = message.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return [
            "From: \(header(from))",
            "To: \(header(message.to))",
            "Subject: \(header(message.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <leave-portal-\(id)-\(Int(date.timeIntervalSince1970))@\(from.split(separator: "@").last ?? "localhost")>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            body,
            "",
        ].joined(separator: "\r\n")
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
            process.arguments = ["-t", "-i"]
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
