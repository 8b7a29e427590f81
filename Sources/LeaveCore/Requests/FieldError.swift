/// One thing wrong with what was typed into a form: which question, which box to
/// move to, and the message shown both in the summary and beside the question.
public struct FieldError: Error, Hashable, Sendable {
    public let field: String
    public let anchor: String
    public let message: String

    public init(field: String, anchor: String? = nil, message: String) {
        self.field = field
        self.anchor = anchor ?? field
        self.message = message
    }
}

/// The outcome of checking a form: the checked value, or everything wrong with it.
public enum Validated<Value: Sendable>: Sendable {
    case valid(Value)
    case invalid([FieldError])

    public var errors: [FieldError] {
        if case .invalid(let errors) = self { return errors }
        return []
    }
}
