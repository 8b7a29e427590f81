import LeaveCore

/// Who hears of a request sent to a school.
public struct NewRequestRecipients: Sendable {
    /// Nil when the school no longer exists: no e-mail can be worded for it.
    public let school: School?
    /// Told of each new request; empty when the school sends a daily summary instead.
    public let deciders: [Account]

    public init(school: School?, deciders: [Account]) {
        self.school = school
        self.deciders = deciders
    }

    /// A school's active headteachers and deputies, by name, read along `account_school_role`
    /// (not the school's whole roll of accounts): each new request is e-mailed to them.
    static let decidersSQL = "SELECT * FROM account WHERE schoolId = ? AND role IN (?, ?) ORDER BY displayName"
    static let deciderRoles = [Role.headteacher.rawValue, Role.deputy.rawValue]
}
