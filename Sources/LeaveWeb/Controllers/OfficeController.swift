import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// The school office: decision letters waiting to be printed, each as a print-ready page.
struct OfficeController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }
    var clock: SchoolClock { services.clock }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let office = router.group().add(middleware: RoleMiddleware(.office))
        office.get(Paths.Office.today.routerPath) { _, context in try await today(context) }
        office.get(Paths.Office.lunchtime.routerPath) { request, context in try await lunchtime(request, context) }
        office.post(Paths.Office.lunchtimeOut.routerPath) { _, context in try await signOutAtLunchtime(context) }
        office.post(Paths.Office.lunchtimeIn.routerPath) { _, context in try await signInAfterLunchtime(context) }
        office.get(Paths.Office.letters.routerPath) { request, context in try await letters(request, context, printed: false) }
        office.get(Paths.Office.printedLetters.routerPath) { request, context in try await letters(request, context, printed: true) }
        office.get(Paths.Office.waitingPDF.routerPath) { request, context in try await waitingPDF(request, context) }
        office.post(Paths.Office.printedBatch.routerPath) { _, context in try await markBatchPrinted(context) }
        office.get(Paths.Office.letter.routerPath) { _, context in try await letter(context) }
        office.post(Paths.Office.printed.routerPath) { _, context in try await markPrinted(context) }
        office.post(Paths.Office.reprint.routerPath) { _, context in try await reprint(context) }
        office.get(Paths.Office.register.routerPath) { request, context in try await register(request, context) }
        office.post(Paths.Office.registerExport.routerPath) { _, context in try await exportRegister(context) }
        office.get(Paths.Office.registerExportFile.routerPath) { _, context in try await registerExportCSV(context) }
        office.post(Paths.Office.licence.routerPath) { _, context in try await recordLicence(context) }
    }

    struct LetterRow: TemplateRow {
        let id: Int64
        let reference: String
        let pupilName: String
        let outcome: String
        let outcomeClass: String
        let createdAt: String
        let printedAt: String?
        let href: String
        let printedAction: String
        let pdfHref: String

        enum Field: String { case id, reference, pupilName, outcome, outcomeClass, createdAt, printedAt, href, printedAction, pdfHref }

        static func field(named name: String) -> Field? { Field(rawValue: name) }

        func value(_ field: Field) -> RowValue {
            switch field {
            case .id: .other(id)
            case .reference: .text(reference)
            case .pupilName: .text(pupilName)
            case .outcome: .text(outcome)
            case .outcomeClass: .text(outcomeClass)
            case .createdAt: .text(createdAt)
            case .printedAt: .optional(printedAt)
            case .href: .text(href)
            case .printedAction: .text(printedAction)
            case .pdfHref: .text(pdfHref)
            }
        }
    }

    struct LettersContent: MustacheParent {
        let rows: String
        let isEmpty: Bool
        let printed: Bool
        let pagination: Pagination
        /// Performances their licence authorises, for the office to record before printing.
        let licences: [LicenceRow]
        /// The run of waiting letters as one PDF, and the step that marks the same run printed.
        let batchHref: String?
        let batchUpTo: Int64?
        let waitingCount: Int

        func child(named key: String) -> Any? {
            switch key {
            case "licences": self.licences
            case "hasLicences": !self.licences.isEmpty
            case "rows": self.rows
            case "isEmpty": self.isEmpty
            case "printed": self.printed
            case "pagination": self.pagination
            case "batchHref": orAbsent(self.batchHref)
            case "batchUpTo": orAbsent(self.batchUpTo.map(String.init))
            case "batchAction": Paths.Office.printedBatch()
            case "waitingCount": self.waitingCount
            default: nil
            }
        }
    }

    struct LicenceRow: MustacheParent {
        let request: RequestRow
        let action: String

        func child(named key: String) -> Any? {
            key == "action" ? self.action : self.request.child(named: key)
        }
    }

    /// Records a performance its licence authorises, in one step; the letter then joins those to print.
    func recordLicence(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let found = try await store.request(reference: try context.reference(), schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        try await services.decisions.recordAuthorisedByLicence(found, by: account)
        return .redirect(to: Paths.Office.letters())
    }

    func row(_ letter: StoredLetter) -> LetterRow {
        LetterRow(id: letter.id, reference: letter.reference.text, pupilName: letter.pupilName,
                  outcome: letter.outcome?.title ?? "Evidence asked for", outcomeClass: letter.outcome?.rawValue ?? "evidence",
                  createdAt: clock.describe(letter.createdAt), printedAt: letter.printedAt.map(clock.describe),
                  href: Paths.Office.letter(letter.id), printedAction: Paths.Office.printed(letter.id),
                  pdfHref: Paths.Office.letterPDF(letter.id))
    }

    /// The letters waiting, oldest first, or those printed, most recent first: fifty at a time,
    /// as a term's letters at a large school run to hundreds.
    func letters(_ request: Request, _ context: PortalRequestContext, printed: Bool) async throws -> Response {
        let account = try context.requireAccount()
        let path = printed ? Paths.Office.printedLetters() : Paths.Office.letters()
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: { path + "?page=\($0)" }) { offset, limit in
            let found = try await store.letters(schoolID: account.schoolID, printed: printed, offset: offset, limit: limit)
            return (found.letters, found.total)
        }
        let licences = printed ? [] : try await store.authorisedByLicence(schoolID: account.schoolID, limit: 50).map {
            LicenceRow(request: RequestRow($0, clock: clock), action: Paths.Office.licence($0.request.reference))
        }
        let newest = printed ? nil : try await store.newestWaitingLetterID(schoolID: account.schoolID)
        let content = LettersContent(rows: views.rows.letter.render(page.map(row)), isEmpty: page.isEmpty, printed: printed, pagination: pagination,
                                     licences: licences, batchHref: newest.map { Paths.Office.waitingPDF() + "?upto=\($0)" },
                                     batchUpTo: newest, waitingCount: pagination.total)
        return views.render(.letters, content, layout: Layout(title: printed ? "Printed letters" : "Letters to print",
                                                              account: account, csrfToken: context.csrfToken))
    }

    func schoolLetter(_ context: PortalRequestContext) async throws -> (Account, StoredLetter) {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self),
              let letter = try await store.letter(id: id, schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        return (account, letter)
    }

    struct LetterContent: MustacheParent {
        let letter: LetterRow
        let html: String
        let pdfHref: String?
        let reprintAction: String?

        func child(named key: String) -> Any? {
            switch key {
            case "letter": self.letter
            case "html": self.html
            case "pdfHref": orAbsent(self.pdfHref)
            case "reprintAction": orAbsent(self.reprintAction)
            default: nil
            }
        }
    }

    /// A printed letter printed again: recorded on the request's record, then its stored PDF.
    func reprint(_ context: PortalRequestContext) async throws -> Response {
        let (account, letter) = try await schoolLetter(context)
        guard let pdf = try await store.letterPDF(id: letter.id, schoolID: account.schoolID) else { throw HTTPError(.notFound) }
        // Only what was sent is sent again: never a letter not yet printed, nor one a later decision replaced.
        guard letter.printedAt != nil else {
            throw HTTPError(.conflict, message: "The letter for \(letter.reference.text) has not been printed yet: print it from the letters waiting.")
        }
        guard !pdf.replaced else {
            throw HTTPError(.conflict, message: "The decision on \(letter.reference.text) was changed after this letter; print the letter of the decision that stands.")
        }
        try await store.recordReprint(letterID: letter.id, schoolID: account.schoolID, by: Actor(account), at: clock.now)
        return Views.pdf(pdf.bytes, name: "letter-\(pdf.reference).pdf", inline: false)
    }

    /// "Print today's letters": the waiting letters up to the newest the page listed, as one PDF.
    /// Nothing is marked printed until the office says they printed.
    func waitingPDF(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let upTo = request.uri.queryParameters.get("upto").flatMap { Int64($0) } ?? Int64.max
        let letters = try await store.waitingLetterPDFs(schoolID: account.schoolID, limit: Self.batchLimit).filter { $0.letterID <= upTo }
        guard !letters.isEmpty else { throw HTTPError(.notFound, message: "There are no letters with a PDF waiting to be printed.") }
        do {
            return Views.pdf(try LetterBatch.combine(letters), name: "letters-\(clock.today.iso).pdf", inline: true)
        } catch let failure as LetterBatch.Failure {
            throw HTTPError(.serviceUnavailable, message: failure.description)
        }
    }

    /// The most letters one print run holds: a busy week's at a large school.
    static let batchLimit = 200

    /// The office says the run printed: the same letters are marked printed, each audited.
    func markBatchPrinted(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let upTo = Int64(context.form["upto"]) else { throw HTTPError(.badRequest, message: "Open the letters to print first.") }
        let letters = try await store.waitingLetterPDFs(schoolID: account.schoolID, limit: Self.batchLimit).filter { $0.letterID <= upTo }
        for letter in letters {
            do {
                try await store.markPrinted(letterID: letter.letterID, schoolID: account.schoolID, by: Actor(account), at: clock.now)
            } catch StoreError.alreadyPrinted {
                continue  // marked by someone else meanwhile
            }
        }
        return .redirect(to: Paths.Office.letters())
    }

    func letter(_ context: PortalRequestContext) async throws -> Response {
        // "/office/letters/12.pdf": the letter's stored PDF, unchanged; opening it writes nothing.
        if let text = context.parameters.get("id"), text.hasSuffix(".pdf") {
            let account = try context.requireAccount()
            guard let id = Int64(text.dropLast(4)), let pdf = try await store.letterPDF(id: id, schoolID: account.schoolID)
            else { throw HTTPError(.notFound) }
            return Views.pdf(pdf.bytes, name: "letter-\(pdf.reference).pdf", inline: true)
        }
        let (account, letter) = try await schoolLetter(context)
        let pdf = try await store.letterPDF(id: letter.id, schoolID: account.schoolID)
        return views.render(.letterPrint, LetterContent(letter: row(letter), html: letter.html,
                                                        pdfHref: pdf == nil ? nil : Paths.Office.letterPDF(letter.id),
                                                        reprintAction: pdf.map { !$0.replaced } == true && letter.printedAt != nil ? Paths.Office.reprint(letter.id) : nil),
                            layout: Layout(title: "Letter \(letter.reference.text)", account: account, csrfToken: context.csrfToken))
    }

    func markPrinted(_ context: PortalRequestContext) async throws -> Response {
        let (account, letter) = try await schoolLetter(context)
        do {
            try await store.markPrinted(letterID: letter.id, schoolID: account.schoolID, by: Actor(account), at: clock.now)
        } catch StoreError.alreadyPrinted {
            throw HTTPError(.conflict, message: "The letter for \(letter.reference.text) is already marked as printed.")
        }
        return .redirect(to: Paths.Office.letters())
    }
}
