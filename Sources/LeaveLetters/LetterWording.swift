/// A school's wording of every letter, read from letters/*.yaml at start. Paragraphs hold
/// placeholders such as `{forename}`; a paragraph whose placeholder has no value for a letter
/// (the review procedure a school has not given, the penalty terms of a grant) is left out.
public struct LetterWording: Hashable, Sendable {
    public struct Text: Hashable, Sendable {
        public var subject: String?
        public var opening: [String]
        public var reasonHeading: String?
        public var after: [String]
        public var greeting: String?
        public var closing: [String]
        public var signOff: String?

        public init(subject: String? = nil, opening: [String] = [], reasonHeading: String? = nil, after: [String] = [],
                    greeting: String? = nil, closing: [String] = [], signOff: String? = nil) {
            self.subject = subject
            self.opening = opening
            self.reasonHeading = reasonHeading
            self.after = after
            self.greeting = greeting
            self.closing = closing
            self.signOff = signOff
        }
    }

    public let texts: [LetterKind: Text]

    public init(texts: [LetterKind: Text]) {
        self.texts = texts
    }

    public func text(_ kind: LetterKind) -> Text { texts[kind] ?? Text() }

    /// The template with each placeholder replaced, or nil when one has no value.
    static func fill(_ template: String, _ values: [String: String]) -> String? {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            guard let value = values[String(rest[rest.index(after: open)..<close])] else { return nil }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The paragraphs that have every value they need, filled in.
    static func fill(_ templates: [String], _ values: [String: String]) -> [String] {
        templates.compactMap { fill($0, values) }
    }

    /// The names of the placeholders in a text, for the loader to check; nil when a brace is unmatched.
    static func placeholders(in template: String) -> [String]? {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard !name.contains("{") else { return nil }
            names.append(String(name))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
