import Foundation

/// An e-mail address as the portal keys accounts by it: trimmed, in Unicode's composed form
/// (NFC) and lower case, so one address has one spelling everywhere: sign-in, its throttle,
/// invitations and the database.
public enum EmailAddress {
    /// RFC 5321's limit on a forward path.
    public static let maximumLength = 254

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLong
        /// Control or invisible formatting characters (a NUL, a right-to-left mark…).
        case hiddenCharacters
        case notAnAddress

        /// The GOV.UK wording for the sign-in and invitation forms.
        public var message: String {
            switch self {
            case .empty: "Enter your email address"
            case .tooLong: "Email address must be \(EmailAddress.maximumLength) characters or fewer"
            case .hiddenCharacters, .notAnAddress: "Enter an email address in the correct format, like name@example.com"
            }
        }
    }

    /// `strict` also asks for a domain with a dot, for new accounts and invitations; signing in
    /// asks only for the shape every existing account has, so nobody is locked out by a new rule.
    public static func normalise(_ text: String, strict: Bool = true) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(.empty) }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return .failure(.hiddenCharacters)
        }
        let key = trimmed.precomposedStringWithCanonicalMapping.lowercased()
        if key.utf8.count > maximumLength { return .failure(.tooLong) }
        let parts = key.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !key.contains(where: \.isWhitespace) else {
            return .failure(.notAnAddress)
        }
        if strict, !parts[1].contains(".") || parts[1].hasPrefix(".") || parts[1].hasSuffix(".") { return .failure(.notAnAddress) }
        return .success(key)
    }
}
