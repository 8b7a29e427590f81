import Hummingbird
import LeaveCore
import LeaveStore
import Mustache

/// A pupil's own page for the headteacher: attendance this year and last, and every request for
/// them and their brothers and sisters, where the request page shows only the latest.
extension HeadteacherController {
    struct PupilContent: MustacheParent {
        struct Sibling: MustacheParent {
            let name: String
            let yearGroup: String
            let href: String

            func child(named key: String) -> Any? {
                switch key {
                case "name": self.name
                case "yearGroup": self.yearGroup
                case "href": self.href
                default: nil
                }
            }
        }

        let name: String
        let yearGroup: String
        let siblings: [Sibling]
        let picture: PupilPictureView
        let shown: Int

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "yearGroup": self.yearGroup
            case "siblings": self.siblings
            case "hasSiblings": !self.siblings.isEmpty
            case "picture": self.picture
            case "shown": self.shown
            default: nil
            }
        }
    }

    /// The most a pupil's page lists: far more than any family makes in the years a school keeps.
    static let pupilPageLimit = 200

    func pupilPage(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        // Another school's pupil, or no such pupil, is a 404 like any other page that is not theirs.
        guard let id = context.parameters.get("pupil").flatMap({ Int64($0) }),
              let pupil = try await store.pupil(id: id, schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        let siblings = try await store.siblings(ofPupil: pupil.id, schoolID: account.schoolID)
        let requests = try await store.requests(pupilIDs: Set(siblings.map(\.id) + [pupil.id]), schoolID: account.schoolID,
                                                limit: Self.pupilPageLimit)
        let history = try await store.attendanceHistory(pupilID: pupil.id, schoolID: account.schoolID)
        let calendar = try await store.calendar(schoolID: account.schoolID)
        let policy = try await store.policy(schoolID: account.schoolID)
        let picture = PupilPictureView(pupil, current: nil,
                                       picture: PupilPicture(history: history, calendar: calendar, policy: policy, asOf: clock.today),
                                       others: requests, clock: clock, views: views)
        let content = PupilContent(name: pupil.fullName, yearGroup: pupil.yearGroup.name,
                                   siblings: siblings.map {
                                       PupilContent.Sibling(name: $0.fullName, yearGroup: $0.yearGroup.name, href: Paths.Decisions.pupil(String($0.id)))
                                   },
                                   picture: picture, shown: requests.count)
        return views.render(.pupil, content, layout: Layout(title: pupil.fullName, account: account, csrfToken: context.csrfToken))
    }
}
