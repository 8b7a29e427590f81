/// What one rule found about a request: the headteacher's message with the figures that made
/// it fire, a message for the parent where they should see it, and the policy clause.
public struct Finding: Hashable, Sendable {
    public let rule: RuleID
    public let severity: Severity
    public let message: String
    public let parentMessage: String?
    public let source: String

    public init(rule: RuleID, severity: Severity, message: String, parentMessage: String? = nil, source: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.parentMessage = parentMessage
        self.source = source
    }
}
