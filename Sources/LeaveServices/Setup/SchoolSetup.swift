import Foundation
import LeaveCore
import LeaveStore

/// A school set up from nothing by whoever installs the portal: the school (and its trust), its
/// policy preset, and an invitation for its first administrator.
public struct SchoolSetup: Sendable {
    let store: any PortalStore
    let invitations: Invitations

    public init(store: any PortalStore, invitations: Invitations) {
        self.store = store
        self.invitations = invitations
    }

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public struct Made: Sendable {
        public let school: School
        public let trustID: Int64
        public let invitationLink: String
    }

    public func addSchool(_ school: NewSchool, adminEmail: String, adminName: String) async throws -> Made {
        var school = school
        school.name = school.name.trimmingCharacters(in: .whitespaces)
        school.trustName = school.trustName.trimmingCharacters(in: .whitespaces)
        guard !school.name.isEmpty, school.name.count <= 200 else { throw Refusal(description: "give the school's name (200 characters or fewer)") }
        guard school.laCode.count == 3, school.laCode.allSatisfy(\.isNumber) else {
            throw Refusal(description: "--la must be the local authority's three-digit number, like 855")
        }
        guard school.estab.count == 4, school.estab.allSatisfy(\.isNumber) else {
            throw Refusal(description: "--estab must be the four-digit establishment number, like 2001")
        }
        guard PolicySettings.preset(school.preset) != nil else {
            throw Refusal(description: "unknown preset '\(school.preset)'; use one of \(PolicySettings.presetNames.joined(separator: ", "))")
        }
        if !school.email.isEmpty, case .failure = EmailAddress.normalise(school.email) {
            throw Refusal(description: "'\(school.email)' is not an email address")
        }
        guard case .success = EmailAddress.normalise(adminEmail) else {
            throw Refusal(description: "--admin-email '\(adminEmail)' is not an email address")
        }
        if try await store.account(email: adminEmail) != nil {
            throw Refusal(description: "someone already has an account with \(adminEmail)")
        }
        let made: (school: School, trustID: Int64)
        do {
            made = try await store.addSchool(school)
        } catch StoreError.duplicateSchool {
            throw Refusal(description: "a school with that name in the trust, or with LA \(school.laCode) and establishment \(school.estab), already exists")
        }
        let sent = try await invitations.invite(schoolID: made.school.id, email: adminEmail, name: adminName, role: .admin)
        return Made(school: made.school, trustID: made.trustID, invitationLink: sent.link)
    }
}
