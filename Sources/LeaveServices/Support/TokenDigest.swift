import Crypto
import Foundation

/// The SHA-256 of a link's secret, in hex: what is stored instead of the secret itself.
public enum TokenDigest {
    public static func sha256(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
