import Foundation
import LeaveCore
import LeaveStore

/// A parent sends the evidence the headteacher asked for: files checked as any evidence is,
/// then attached to the request, which goes back to the decision queue.
public struct EvidenceReply: Sendable {
    let store: any PortalStore
    let clock: SchoolClock
    let evidence: EvidenceFiles
    /// The question whose rules the files follow (kinds accepted, messages): the forms' own.
    let fileQuestion: Question?

    public init(store: any PortalStore, clock: SchoolClock, evidence: EvidenceFiles, fileQuestion: Question?) {
        self.store = store
        self.clock = clock
        self.evidence = evidence
        self.fileQuestion = fileQuestion
    }

    public static let answerLimit = 1_000

    /// Checks and sends; returns the problems to show, or none when sent.
    public func send(_ item: RequestWithPupil, files: [UploadedFile], answer: String, parent: Account) async throws -> [FieldError] {
        guard item.request.parentID == parent.id else { throw ServiceError.notFound }
        guard item.request.status == .evidenceRequested else {
            throw ServiceError.conflict("The school is not waiting for evidence for request \(item.request.reference.text).")
        }
        let answer = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        let sent = files.filter { !$0.data.isEmpty }
        var errors: [FieldError] = []
        if sent.isEmpty { errors.append(FieldError(field: "evidence", message: "Select a file to send")) }
        if answer.count > Self.answerLimit {
            errors.append(FieldError(field: "answer", message: "Your message must be \(Self.answerLimit) characters or fewer"))
        }
        guard errors.isEmpty, let question = fileQuestion else {
            return errors.isEmpty ? [FieldError(field: "evidence", message: "Files cannot be sent here at the moment: bring the evidence to the school office")] : errors
        }
        var ids: [String] = []
        var total = 0
        for file in sent {
            switch try await evidence.accept(file, for: question, alreadySent: total, parent: parent, schoolID: item.request.schoolID, at: clock.now) {
            case .success(let reference):
                ids.append(reference.id)
                total += file.data.count
            case .failure(let error):
                // Nothing half-sent: the files taken so far go again.
                for id in ids { _ = try await evidence.remove(id, parent: parent, at: clock.now) }
                return [FieldError(field: "evidence", message: error.message)]
            }
        }
        do {
            try await store.sendEvidence(requestID: item.request.id, uploadIDs: ids, answer: answer, by: Actor(parent), at: clock.now)
        } catch StoreError.notOpen(let status) {
            for id in ids { _ = try await evidence.remove(id, parent: parent, at: clock.now) }
            throw ServiceError.conflict("Request \(item.request.reference.text) has been \(status.title.lowercased()) meanwhile.")
        }
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: [item.pupil.id], schoolID: item.request.schoolID)
        return []
    }
}
