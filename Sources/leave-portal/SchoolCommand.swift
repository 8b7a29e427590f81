import ArgumentParser
import Foundation
import LeaveCore
import LeaveServices
import LeaveStore

/// What every set-up command needs: the store, the public address for links, and the mail
/// transport, so the e-mail an invitation writes leaves at once.
struct SetupOptions: ParsableArguments {
    @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
    var database: String?

    @Option(help: "The portal's address as people reach it, the base of every link. [LEAVE_PORTAL_PUBLIC_URL, default http://127.0.0.1:8080]")
    var publicUrl: String?

    @Option(help: "Where e-mail goes: directory:PATH or sendmail:PATH. [LEAVE_PORTAL_MAIL, default directory:mail beside the database]")
    var mail: String?

    @Option(help: "The sender of the portal's e-mails. [LEAVE_PORTAL_MAIL_FROM, default leave-portal@localhost]")
    var mailFrom: String?

    func invitations() async throws -> (Invitations, any PortalStore) {
        let store = try await Environment.store(database)
        let url = try Environment.publicURL(publicUrl)
        return (Invitations(store: store, passwords: Passwords(cost: 12), clock: Environment.clock, texts: MailTexts(publicURL: url)), store)
    }

    /// Sends what the command just wrote to the outbox; a failure stays there for `serve` to retry.
    func deliver(_ store: any PortalStore) async throws {
        let setting = try Environment.mail(mail, database: database)
        let delivery = MailDelivery(store: store, transport: setting.transport(), from: Environment.mailFrom(mailFrom), clock: Environment.clock)
        _ = try await delivery.deliverDue()
    }
}

struct SchoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "school", abstract: "Set up schools.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a school (and its trust if new) and invite its first administrator.",
            discussion: "Prints the school's id and the invitation link, and e-mails the link. A CTF naming these LA and establishment numbers then imports without --school.")

        @Option(help: "The school's name.") var name: String
        @Option(help: "The local authority's three-digit number, as a CTF names it.") var la: String
        @Option(help: "The four-digit establishment number, as a CTF names it.") var estab: String
        @Option(help: "The trust, made if new; by default one of the school's own name.") var trust: String?
        @Option(help: "The policy preset: \(PolicySettings.presetNames.joined(separator: ", ")).") var preset = "default"
        @Option(help: "The postal address; lines separated by commas.") var address: String?
        @Option(help: "The school's telephone number.") var phone: String?
        @Option(help: "The school's e-mail address, given in every e-mail to parents.") var email: String?
        @Option(help: "The headteacher's name, for letters.") var headteacher: String?
        @Option(help: "The first administrator's e-mail address.") var adminEmail: String
        @Option(help: "The first administrator's name.") var adminName = "School administrator"
        @Flag(help: "Print {\"school\":ID,\"trust\":ID,\"invitation\":\"URL\"}.") var json = false
        @OptionGroup var options: SetupOptions

        func run() async throws {
            let (invitations, store) = try await options.invitations()
            var school = NewSchool(name: name, trustName: trust ?? name, laCode: la, estab: estab)
            school.preset = preset
            school.addressLines = (address ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            school.telephone = phone ?? ""
            school.email = email ?? ""
            school.headteacherName = headteacher ?? ""
            let made: SchoolSetup.Made
            do {
                made = try await SchoolSetup(store: store, invitations: invitations).addSchool(school, adminEmail: adminEmail, adminName: adminName)
            } catch let refusal as SchoolSetup.Refusal {
                throw ValidationError(refusal.description)
            } catch let refusal as Invitations.Refusal {
                throw ValidationError(refusal.message)
            }
            try await options.deliver(store)
            if json {
                let object: [String: Any] = ["school": made.school.id, "trust": made.trustID, "invitation": made.invitationLink]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
            } else {
                print("Added \(made.school.name) (school \(made.school.id), trust \(made.trustID)).")
                print("Its administrator's invitation, also sent by e-mail: \(made.invitationLink)")
            }
        }
    }
}

struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invite", abstract: "Invite people to make their accounts.",
                                                    subcommands: [Parents.self])

    struct Parents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite every parent the MIS lists with parental responsibility and an e-mail address, who has no account or invitation yet.")
        @Option(help: "The school's id.") var school: Int64
        @Flag(help: "Print {\"invited\":N,\"alreadyInvited\":N,\"haveAccounts\":N,\"noEmail\":N}.") var json = false
        @OptionGroup var options: SetupOptions

        func run() async throws {
            let (invitations, store) = try await options.invitations()
            guard try await store.school(id: school) != nil else { throw ValidationError("there is no school \(school)") }
            let result = try await invitations.inviteParents(schoolID: school)
            try await options.deliver(store)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                print("\(result.invited) invited; \(result.alreadyInvited) already invited; \(result.haveAccounts) have accounts; \(result.noEmail) with no e-mail address.")
            }
        }
    }
}
