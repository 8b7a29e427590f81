import Foundation
import LeaveCore

/// Schools, their settings and their calendars.
public protocol SchoolStore: Sendable {
    func school(id: Int64) async throws -> School?
    func calendar(schoolID: Int64) async throws -> SchoolCalendar
    /// The crest the administrator uploaded for the letters (PNG), if any.
    func crest(schoolID: Int64) async throws -> [UInt8]?
    /// Replaces the crest, or removes it with nil, with a line in the school's record.
    func setCrest(_ png: [UInt8]?, schoolID: Int64, sha256: String?, by actor: Actor, at: Date) async throws
}
