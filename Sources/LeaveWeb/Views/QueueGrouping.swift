import LeaveStore

/// Requests a parent sent together for brothers and sisters, side by side in the queue so the
/// headteacher decides them together: each group follows its most urgent member, and the rest
/// of the page keeps its order.
enum QueueGrouping {
    struct Placed {
        let item: RequestWithPupil
        /// "Sent together with Bryn's request", or "" for a request on its own on this page.
        let sentWith: String
    }

    static func together(_ page: [RequestWithPupil]) -> [Placed] {
        var members: [String: [RequestWithPupil]] = [:]
        for item in page { if let group = item.group { members[group, default: []].append(item) } }
        var placed: [Placed] = []
        var done = Set<String>()
        for item in page {
            guard let group = item.group, let family = members[group], family.count > 1 else {
                placed.append(Placed(item: item, sentWith: ""))
                continue
            }
            guard done.insert(group).inserted else { continue }
            for member in family {
                let others = family.filter { $0.request.id != member.request.id }.map { $0.pupil.forename + "'s" }
                placed.append(Placed(item: member, sentWith: "Sent together with " + RequestRow.list(others) + " request" + (others.count > 1 ? "s" : "")))
            }
        }
        return placed
    }
}
