// The database scripts/bench-web runs the server on, at a trust's scale: the demo trust's
// school with 1,500 pupils and a year of their marks brought in through the CTF importer,
// a parent account for every family, and 5,000 undecided requests, each reviewed by the rules
// as a submission is. Prints what the wrk scripts need (log-ins, a child, valid dates), one
// `name=value` a line. Run by scripts/bench-web on a release build; measures nothing itself.
import Foundation
import LeaveCore
import LeaveImport
import LeaveServices
import LeaveStore

let arguments = CommandLine.arguments
func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
guard let path = option("--database") else {
    FileHandle.standardError.write(Data("usage: web-bench-setup --database FILE [--pupils 1500] [--requests 5000] [--flow-parents 8]\n".utf8))
    exit(2)
}
let pupilCount = option("--pupils").flatMap(Int.init) ?? 1500
let requestCount = option("--requests").flatMap(Int.init) ?? 5000
let flowParents = option("--flow-parents").flatMap(Int.init) ?? 64
let familySize = 5

let clock = SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { Date() })
let today = clock.today
let database = try AppDatabase.open(path: path)
let store = SQLiteStore(database)
let passwords = Passwords(cost: 10)
let hash = passwords.hashNow(DemoTrust.password)
let loaded = try await store.loadDemoTrust(today: today) { hash }
guard let school = loaded.newSchools.first(where: { $0.name.hasPrefix("Oakhollow") }) else {
    FileHandle.standardError.write(Data("web-bench-setup needs a new, empty database file\n".utf8))
    exit(1)
}
let calendar = try await store.calendar(schoolID: school.id)

// Families of five; the first family's parent is the one whose home page is measured.
let demoRoll = DemoTrust.roll(of: school)
let benchPupils = max(0, pupilCount - demoRoll.count)
let families = (benchPupils + familySize - 1) / familySize
for family in 0..<families {
    _ = try await store.addAccount(schoolID: school.id, email: "bench-parent\(family)@example.com",
                                   displayName: "Bench Parent \(family)", role: .parent, passwordHash: hash)
}

// A year of marks to yesterday, mostly present, the same every run.
func code(pupil: Int, day: SchoolDate, session: Session) -> AttendanceCode {
    let roll = (pupil &* 7919 &+ day.dayNumber &* 31 &+ (session == .am ? 0 : 17)) % 997
    switch roll {
    case 0..<25: return .illness
    case 25..<30: return .medical
    case 30..<40: return .late
    case 40..<44: return .unauthorisedOther
    default: return session == .am ? .presentAM : .presentPM
    }
}
let firstMarked = today.adding(days: -365), lastMarked = today.adding(days: -1)
func years(pupil: Int) -> [CTFAttendanceYear] {
    [firstMarked.academicYearStart, lastMarked.academicYearStart].compactMap { academicYear in
        let start = max(firstMarked, SchoolDate(year: academicYear, month: 9, day: 1)!)
        let end = min(lastMarked, SchoolDate(year: academicYear + 1, month: 8, day: 31)!)
        guard start <= end else { return nil }
        var marks: [SessionMark] = []
        var day = start
        while day <= end {
            if calendar.isSchoolDay(day) {
                for session in Session.allCases { marks.append(SessionMark(day, session, code(pupil: pupil, day: day, session: session))) }
            }
            day = day.adding(days: 1)
        }
        return CTFWriter.year(marks, academicYear: academicYear, from: start, to: end)
    }
}
var entries = demoRoll.enumerated().map { CTFWriter.Entry(pupil: $1, years: years(pupil: $0)) }
for index in 0..<benchPupils {
    let family = index / familySize
    let pupil = ImportedPupil(upn: "A999" + String(100_000_000 + index), forename: "Pupil", surname: "Number\(index)",
                              yearGroup: YearGroup(index % 7),
                              contacts: [ImportedContact(name: "Bench Parent \(family)", relationship: "Mother",
                                                         parentalResponsibility: true, email: "bench-parent\(family)@example.com")])
    entries.append(CTFWriter.Entry(pupil: pupil, years: years(pupil: demoRoll.count + index)))
}
let ctf = URL(fileURLWithPath: path + ".ctf.xml")
try CTFWriter.document(header: CTFHeader(version: "25.0", laCode: "999", estab: "2001", schoolName: school.name),
                       entries: entries).write(to: ctf, atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(at: ctf) }
let (_, report) = try await RegisterImports(store: store, clock: clock).run(.ctf, path: ctf.path, schoolID: school.id, actorName: "Web benchmark")
FileHandle.standardError.write(Data("imported: \(report.summary)\n".utf8))

// Requests on school days from three weeks ahead, two or three days each, several a pupil.
var schoolDays: [SchoolDate] = []
var day = today.adding(days: 21)
while schoolDays.count < 150 {
    if calendar.isSchoolDay(day) { schoolDays.append(day) }
    day = day.adding(days: 1)
}
var children: [(parent: Account, pupils: [Pupil])] = []
for family in 0..<families {
    let parent = try await store.account(email: "bench-parent\(family)@example.com")!.account
    children.append((parent, try await store.children(ofParent: parent.id)))
}
let benchChildren = children.flatMap { family in family.pupils.map { (family.parent, $0) } }
let kinds: [LeaveKind] = [.exceptional, .holiday, .medical, .exceptional, .religious]
let submittedAt = clock.now
for k in 0..<min(requestCount, benchChildren.count * 40) {
    // The first family asks often (about sixty requests), as the busiest parents do.
    let (parent, pupil) = k < 60 ? benchChildren[k % familySize] : benchChildren[k % benchChildren.count]
    let slot = k < 60 ? k / familySize : k / benchChildren.count + 12
    let first = (slot * 11 + (k % benchChildren.count) % 7) % (schoolDays.count - 4)
    let start = SessionPoint(schoolDays[first], .am), end = SessionPoint(schoolDays[first + 1 + k % 2], .pm)
    let application = LeaveApplication(pupilID: pupil.id, kind: kinds[k % kinds.count], purpose: "Benchmark request \(k)",
                                       start: start, end: end, returnDate: schoolDays[first + 2 + k % 2])
    _ = try await store.submit(application, schoolID: school.id, by: Actor(parent), count: calendar.count(from: start, to: end),
                               at: submittedAt.addingTimeInterval(Double(k)))
}
let reviewed = try await RequestReview(store: store, clock: clock).reviewOpenRequests(schoolID: school.id)
FileHandle.standardError.write(Data("requests reviewed: \(reviewed)\n".utf8))

// What the wrk scripts use: the head, the busy parent, and parents who send the form, each with a child.
let formDay = schoolDays[schoolDays.count - 3]
print("password=\(DemoTrust.password)")
print("head=head@oakhollow.example")
print("homeParent=bench-parent0@example.com")
// Parents who send the form, with all their children: each flow asks for another child, so no
// child gathers hundreds of open requests (each new one is judged against the child's others).
for family in 1...min(flowParents, families - 1) {
    print("flowParent=\(children[family].parent.email) \(children[family].pupils.map { String($0.id) }.joined(separator: ","))")
}
print("formStart=\(formDay.day) \(formDay.month) \(formDay.year)")
print("formReturn=\(schoolDays[schoolDays.count - 2].day) \(schoolDays[schoolDays.count - 2].month) \(schoolDays[schoolDays.count - 2].year)")
let queue = try await store.decisionQueue(schoolID: school.id, offset: 0, limit: 1)
print("queueTotal=\(queue.total)")
print("requestReference=\(queue.requests[0].request.reference.text)")
