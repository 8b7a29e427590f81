import Mustache

/// What a view-model gives for an optional field it does not have. Mustache would otherwise
/// look the name up in the enclosing objects and could print a field of theirs with the same
/// name (a decision's missing "overrideReason" showing the form's text field of that name).
/// It renders as nothing, and a section on it is skipped.
struct Absent: MustacheCustomRenderable {
    static let value = Absent()

    var renderText: String { "" }
    var isNull: Bool { true }
}

/// An optional field for a template: its value, or `Absent` rather than nil.
func orAbsent<Value>(_ value: Value?) -> Any {
    if let value { return value }
    return Absent.value
}
