import Foundation
import LeaveCore

/// A decision letter as stored: the HTML written when the decision was made, unchanged.
public struct StoredLetter: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let requestID: Int64
    public let reference: ReferenceNumber
    public let pupilName: String
    public let outcome: DecisionOutcome
    public let html: String
    public let createdAt: Date
    public let printedAt: Date?

    public init(id: Int64, requestID: Int64, reference: ReferenceNumber, pupilName: String,
                outcome: DecisionOutcome, html: String, createdAt: Date, printedAt: Date?) {
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
}
