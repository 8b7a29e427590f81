import Foundation
import LeaveCore
import LeaveStore

/// `--demo`: the made-up trust, its pupils brought in through the real CTF importer, and the
/// log-ins to print.
public enum DemoSetup {
    /// Loads the demo trust if it is not there yet; returns every demo log-in.
    public static func load(store: any PortalStore, clock: SchoolClock, passwords: Passwords) async throws -> [DemoTrust.Login] {
        let loaded = try await store.loadDemoTrust(today: clock.today) { passwords.hashNow(DemoTrust.password) }
        for school in loaded.newSchools {
            _ = try await DemoRegister.importRoll(of: school, store: store, clock: clock)
        }
        // Listed after the import, which links parents to their children.
        return loaded.newSchools.isEmpty ? loaded.logins : try await store.demoLogins()
    }

    /// The log-ins as printed at start, school by school.
    public static func describe(_ logins: [DemoTrust.Login]) -> String {
        var text = "Demo log-ins (password for every account: \(DemoTrust.password))\n"
        var school = ""
        for login in logins {
            if login.school != school {
                school = login.school
                text += "  \(school)\n"
            }
            text += "    \(login.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(login.note)\n"
        }
        return text
    }
}
