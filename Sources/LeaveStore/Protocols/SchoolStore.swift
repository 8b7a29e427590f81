import LeaveCore

/// Schools, their settings and their calendars.
public protocol SchoolStore: Sendable {
    func school(id: Int64) async throws -> School?
    func calendar(schoolID: Int64) async throws -> SchoolCalendar
}
