import ArgumentParser
import Foundation
import LeaveServices
import LeaveStore

/// A flag wins over its environment variable, which wins over the default.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }

    static func flag(_ name: String) -> Bool {
        guard let v = value(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(v)
    }

    static let defaultDatabase = "data/leave-portal.sqlite"

    /// The database setting: the flag, else LEAVE_PORTAL_DATABASE, else the default file.
    static func database(_ flag: String?) -> String {
        flag ?? value("LEAVE_PORTAL_DATABASE") ?? defaultDatabase
    }

    /// The store the setting names, opened (and migrated) for a command.
    static func store(_ flag: String?) async throws -> any PortalStore {
        do {
            return try await StoreLocation(database(flag)).open()
        } catch let error as StoreLocationError {
            throw ValidationError(error.description)
        }
    }

    static func bcryptCost(_ flag: UInt8?) throws -> UInt8 {
        guard let cost = flag ?? value("LEAVE_PORTAL_BCRYPT_COST").flatMap(UInt8.init) else { return 12 }
        guard (4...31).contains(cost) else { throw ValidationError("--bcrypt-cost must be between 4 and 31") }
        return cost
    }

    static func publicURL(_ flag: String?) throws -> String {
        let url = flag ?? value("LEAVE_PORTAL_PUBLIC_URL") ?? "http://127.0.0.1:8080"
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), URL(string: url)?.host != nil else {
            throw ValidationError("--public-url must be an address like https://leave.oakhollow.sch.uk")
        }
        return url
    }

    static func mail(_ flag: String?, database: String?) throws -> MailSetting {
        guard let text = flag ?? value("LEAVE_PORTAL_MAIL") else {
            let folder = (try? StoreLocation(self.database(database)).folder) ?? "data"
            return .directory(URL(fileURLWithPath: folder).appendingPathComponent("mail").path)
        }
        do {
            return try MailSetting(text)
        } catch let error as MailSettingError {
            throw ValidationError(error.description)
        }
    }

    static func mailFrom(_ flag: String?) -> String { flag ?? value("LEAVE_PORTAL_MAIL_FROM") ?? "leave-portal@localhost" }

    /// The school's clock: "today" in England.
    static let clock = SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { Date() })
}
