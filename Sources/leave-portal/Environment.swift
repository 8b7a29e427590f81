import Foundation

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
}
