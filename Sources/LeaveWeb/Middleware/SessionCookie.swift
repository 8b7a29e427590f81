/// The session cookie's name and the prefix of its rows in the store. With Secure cookies the
/// name carries `__Host-`, so browsers take it only from this host over HTTPS.
enum SessionCookie {
    static let keyPrefix = "s."

    static func name(secure: Bool) -> String { secure ? "__Host-lp_session" : "lp_session" }
}
