import Foundation
import LeaveCore

/// A decision letter as stored: the HTML written when the decision was made, unchanged.
public struct StoredLetter: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let requestID: Int64
    public let reference: ReferenceNumber
    public let pupilName: String
    /// Nil for a letter that asks for evidence, before any decision.
    public let outcome: DecisionOutcome?
    public let html: String
    public let createdAt: Date
    public let printedAt: Date?

    public init(id: Int64, requestID: Int64, reference: ReferenceNumber, pupilName: String,
                outcome: DecisionOutcome?, html: String, createdAt: Date, printedAt: Date?) {
        self.id = id
        self.requestID = requestID
        self.reference = reference
        self.pupilName = pupilName
        self.outcome = outcome
        self.html = html
        self.createdAt = createdAt
        self.printedAt = printedAt
    }
}

public protocol LetterStore: Sendable {
    /// One page of the letters not yet printed, oldest first, or of those printed, most recent
    /// first (for reprints), and how many there are.
    func letters(schoolID: Int64, printed: Bool, offset: Int, limit: Int) async throws -> (letters: [StoredLetter], total: Int)
    func letter(id: Int64, schoolID: Int64) async throws -> StoredLetter?
    func markPrinted(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
    /// A letter's stored PDF; nil when there is no such letter at this school or it has no PDF.
    func letterPDF(id: Int64, schoolID: Int64) async throws -> StoredLetterPDF?
    /// The PDF of the letter of the decision that stands on this request.
    func standingLetterPDF(requestID: Int64, schoolID: Int64) async throws -> StoredLetterPDF?
    /// Every letter waiting to be printed, oldest first, with its PDF (the office's batch).
    func waitingLetterPDFs(schoolID: Int64, limit: Int) async throws -> [StoredLetterPDF]
    /// The newest waiting letter with a PDF: the end of the run "Print today's letters" makes.
    func newestWaitingLetterID(schoolID: Int64) async throws -> Int64?
    /// Records that the office printed the letter again from its stored PDF.
    func recordReprint(letterID: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
}
