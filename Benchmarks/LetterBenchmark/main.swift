// Letters rendered per second: each decision's letter written as the portal writes it (the
// school's wording filled in, HTML and a PDF through Pango and Cairo, with the crest), then
// thirty letters as one batch PDF. The ceiling, measured in the same run, is Cairo writing an
// empty A4 page. Run with scripts/bench-letters (release), from the repository's root.
import Foundation
import LeaveCore
import LeaveLetters

let wording = try LetterWordingLoader.load(folder: "letters")
let crest = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: "Tests/LeaveLettersTests/Fixtures/crest.png")))) ?? []
let school = School(id: 1, trustID: 1, name: "Oakhollow Primary School", addressLines: ["1 Example Lane", "Sampleton", "SA1 1AA"],
                    telephone: "01632 960001", email: "office@oakhollow.example", headteacherName: "Dr R. Quintrell")
let forenames = ["Bryn", "Żaneta", "عائشہ", "Cai", "Ola", "Tomasz", "Nia", "Priya", "Sam", "Jo"]
let outcomes: [DecisionOutcome] = [.granted, .refused, .grantedInPart, .refused]
let kinds: [(LeaveKind, LeaveCategory?)] = [(.holiday, .holiday), (.exceptional, .exceptional), (.medical, nil), (.religious, nil)]

func letter(_ n: Int) -> LetterContent {
    let start = SchoolDate(iso: "2027-01-11")!.adding(days: n % 40)
    let (kind, category) = kinds[n % kinds.count]
    let application = LeaveApplication(pupilID: Int64(n), kind: kind, purpose: "Family reasons",
                                       start: SessionPoint(start, .am), end: SessionPoint(start.adding(days: n % 5), .pm),
                                       returnDate: start.adding(days: n % 5 + 1), category: category)
    let request = LeaveRequest(id: Int64(n), reference: ReferenceNumber("LP-\(String("2346789ABCDEFGHJKMNPQRTUVWXYZ".shuffled().prefix(6)))")
                                   ?? ReferenceNumber("LP-7K3M9Q")!,
                               schoolID: 1, parentID: 2, application: application, sessions: 2 * (n % 5 + 1), schoolDays: n % 5 + 1,
                               status: .awaitingDecision, submittedAt: Date())
    let pupil = Pupil(id: Int64(n), schoolID: 1, forename: forenames[n % forenames.count], surname: "Samplewood", yearGroup: YearGroup(n % 7)!)
    var letter = DecisionLetter(school: school, letterDate: SchoolDate(iso: "2026-12-03")!, parentName: "Parent \(n) Samplewood",
                                pupil: pupil, request: request, outcome: outcomes[n % outcomes.count],
                                reason: String(repeating: "The policy allows leave only in exceptional circumstances. ", count: 1 + n % 6),
                                decidedBy: Actor(accountID: 3, name: "Dr R. Quintrell", role: .headteacher))
    letter.grantedFrom = application.start
    letter.grantedTo = SessionPoint(start, .pm)
    letter.penalty = PenaltyTerms(amounts: [80, 160], thresholdSessions: 10, windowSchoolWeeks: 10)
    letter.parentAddress = ["\(n) Example Road", "Sampleton", "SA1 \(n % 9)ZZ"]
    letter.reviewProcedure = "To ask for a review, write to the Chair of Governors within 20 school days."
    letter.crest = crest
    return letter.content(wording)
}

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
func rate(_ count: Int, _ duration: Duration) -> Double { Double(count) / seconds(duration) }
func format(_ value: Double) -> String { String(format: "%.1f", value) }

var sink = 0
let letters = (0..<200).map(letter)
for content in letters.prefix(10) { sink &+= LetterPDF.render(content).count }  // warm up fonts and caches

// The ceiling: an empty A4 page written by Cairo.
let blankCount = 2_000
let blankTime = clock.measure { for _ in 0..<blankCount { sink &+= LetterPDF.blankPage().count } }
let blankRate = rate(blankCount, blankTime)

// Each letter as a decision writes it: HTML and PDF.
let singleTime = clock.measure {
    for content in letters {
        sink &+= LetterHTML.render(content).utf8.count
        sink &+= LetterPDF.render(content).count
    }
}
let singleRate = rate(letters.count, singleTime)

// Thirty letters as one PDF, each from a new sheet (the office's print run).
let batchRuns = 10
let batchTime = clock.measure { for run in 0..<batchRuns { sink &+= LetterPDF.render(Array(letters[(run * 30) % 170..<(run * 30) % 170 + 30])).count } }
let pages = LetterPDF.render(Array(letters.prefix(30)))

print("empty A4 page (ceiling): \(format(blankRate)) pages/s")
print("one letter, HTML and PDF with crest: \(format(singleRate)) letters/s (\(format(seconds(singleTime) / Double(letters.count) * 1000)) ms each), ratio to ceiling \(String(format: "%.3f", singleRate / blankRate))")
print("thirty letters as one batch PDF: \(format(seconds(batchTime) / Double(batchRuns) * 1000)) ms a batch, \(format(rate(30 * batchRuns, batchTime))) letters/s, \(pages.count / 1024) KB")
if sink == 42 { print("") }
