import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import Mustache

/// Choosing another bundled policy replaces every setting with that school's: before anything
/// changes, the administrator sees each setting that would change, from what to what, and confirms.
extension AdminController {
    struct SettingChange: MustacheParent {
        let label: String
        let now: String
        let then: String

        func child(named key: String) -> Any? {
            switch key {
            case "label": label
            case "now": now.isEmpty ? "(none)" : now
            case "then": then.isEmpty ? "(none)" : then
            default: nil
            }
        }
    }

    struct PresetSwitchContent: MustacheParent {
        let from: String
        let to: String
        let preset: String
        let changes: [SettingChange]

        func child(named key: String) -> Any? {
            switch key {
            case "from": from
            case "to": to
            case "preset": preset
            case "changes": changes
            case "unchanged": changes.isEmpty
            case "action": Paths.Admin.policy()
            default: nil
            }
        }
    }

    func presetSwitch(_ context: PortalRequestContext, from current: PolicySettings, to next: PolicySettings) async throws -> Response {
        let account = try context.requireAccount()
        let changes = PolicySettings.settingNames.compactMap { name -> SettingChange? in
            let now = PolicyForm.shown(name, current.value(of: name)), then = PolicyForm.shown(name, next.value(of: name))
            guard now != then else { return nil }
            let label = PolicyForm.label(name).label
            if PolicyForm.kind(name) == .categories {
                let titles: (String) -> String = { text in
                    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        .map { LeaveCategory(rawValue: $0).map(PolicyForm.categoryLabel) ?? $0 }.joined(separator: ", ")
                }
                return SettingChange(label: label, now: titles(now), then: titles(then))
            }
            return SettingChange(label: label, now: now, then: then)
        }
        let content = PresetSwitchContent(from: PolicyForm.presetTitle(current.preset), to: PolicyForm.presetTitle(next.preset),
                                          preset: next.preset, changes: changes)
        return views.render(.adminPreset, content, layout: Layout(title: "Switch to \(content.to)", account: account, csrfToken: context.csrfToken))
    }
}
