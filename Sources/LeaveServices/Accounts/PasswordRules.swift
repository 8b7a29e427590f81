/// What a new password must be, as the NCSC advises: long enough, not the address, not one of
/// the passwords every guesser tries first; no other composition rules.
public enum PasswordRules {
    public static let minimumLength = 10

    /// Passwords seen most often in published breaches (facts, shortened to those of ten or more
    /// characters, which are all this check needs).
    static let common: Set<String> = [
        "1234567890", "123456789a", "0123456789", "1q2w3e4r5t", "qwertyuiop", "1qaz2wsx3edc", "password1", "password12",
        "password123", "password1234", "passw0rd123", "iloveyou123", "princess123", "football123", "qwerty1234",
        "qwerty12345", "qwerty123456", "1234qwerty", "abcdefghij", "abc1234567", "aaaaaaaaaa", "1111111111", "0000000000",
        "1212121212", "9876543210", "letmein123", "welcome123", "welcome1234", "changeme123", "administrator", "sunshine123",
        "liverpool1", "liverpool123", "chelsea123", "arsenal123", "manchester", "manutd1234", "michael123", "charlie123",
        "superman123", "batman1234", "trustno1234", "dragon1234", "monkey1234", "starwars123", "whatever123", "baseball123",
        "computer123", "internet123", "password!", "password01", "passwordpassword", "mypassword", "mypassword1",
        "schoolpassword", "teacher123", "student123", "summer2024", "summer2025", "summer2026", "winter2025", "autumn2025",
        "spring2026", "january2026", "september2026", "qazwsxedc123", "zxcvbnm123", "asdfghjkl1", "1q2w3e4r5t6y",
        "11223344556", "123123123123", "12345678910", "123456789123", "987654321a", "password2024", "password2025", "password2026",
    ]

    /// The message for the parent or member of staff, or nil when the password will do.
    public static func problem(_ password: String, email: String) -> String? {
        if password.count < minimumLength { return "Your password must be \(minimumLength) characters or more" }
        if password.utf8.count > SignIn.maximumPasswordBytes { return "Your password must be \(SignIn.maximumPasswordBytes) characters or fewer" }
        let lowered = password.lowercased()
        let address = email.lowercased()
        let localPart = address.split(separator: "@").first.map(String.init) ?? address
        if lowered == address || lowered == localPart { return "Your password must not be your email address" }
        if common.contains(lowered) { return "That password is too easy to guess: it is one of the most common passwords. Choose another" }
        return nil
    }
}
