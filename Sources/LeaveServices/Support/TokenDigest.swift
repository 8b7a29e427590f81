import Crypto
import Foundation

/// The SHA-256 of a link's secret, in hex: what is stored instead of the secret itself.
public enum TokenDigest {
    public static func sha256(_ token: String) -> String {
        sha256(bytes: Data(token.utf8))
    }

    /// The SHA-256 of any bytes (a letter's PDF, an export's CSV), in hex.
    public static func sha256<Bytes: DataProtocol>(bytes: Bytes) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
