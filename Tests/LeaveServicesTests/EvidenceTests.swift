import Foundation
import GRDB
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// Evidence files: taken back for real, swept when a form is never finished, and within a
/// family's quota.
@Suite("Evidence files kept and removed")
struct EvidenceTests {
    static let pdf = Data("%PDF-1.4\n%test\n".utf8) + Data(repeating: 0x20, count: 1_000)

    func fileQuestion(_ h: ServiceHarness) throws -> (FormDefinition, FormPage) {
        let form = try h.form("leave")
        return (form, try #require(form.page("evidence")))
    }

    func send(_ h: ServiceHarness, _ parent: Account, _ data: Data = EvidenceTests.pdf, draft: FormDraft) async throws -> FormDraft {
        let (form, page) = try fileQuestion(h)
        let outcome = try await h.services.sending.answer(page, of: form, draft: draft, answers: { _ in [] },
                                                          files: ["evidence": UploadedFile(fileName: "letter.pdf", contentType: "application/pdf", data: data)],
                                                          removeFile: "", changing: false, parent: parent)
        switch outcome {
        case .showAgain(let draft, _), .goTo(let draft, _), .check(let draft): return draft
        }
    }

    func files(_ h: ServiceHarness) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: h.folder.appendingPathComponent("evidence").path)) ?? []
    }

    @Test func removingAFileTakesTheRecordAndTheBytes() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(FormSendingTests.parent)
        let draft = try await send(h, parent, draft: FormDraft(formID: "leave"))
        let id = try #require(draft.uploads["evidence"]?.first?.id)
        #expect(files(h) == [id])
        let (form, page) = try fileQuestion(h)
        // Another parent cannot remove it, even knowing its id.
        let stranger = try await h.account("parent1@example.com")
        _ = try await h.services.sending.answer(page, of: form, draft: FormDraft(formID: "leave"), answers: { _ in [] }, files: [:],
                                                removeFile: id, changing: false, parent: stranger)
        #expect(try await h.store.upload(id: id, schoolID: parent.schoolID) != nil)
        let outcome = try await h.services.sending.answer(page, of: form, draft: draft, answers: { _ in [] }, files: [:],
                                                          removeFile: id, changing: false, parent: parent)
        guard case .showAgain(let after, _) = outcome else { Issue.record("expected the page again"); return }
        #expect(after.uploads["evidence"]?.isEmpty == true)
        #expect(try await h.store.upload(id: id, schoolID: parent.schoolID) == nil)
        #expect(files(h).isEmpty)
        let lines = try await h.store.activity(schoolID: parent.schoolID, limit: 5).map(\.action)
        #expect(lines.prefix(2) == [.evidenceRemoved, .evidenceUploaded])
    }

    @Test func filesOfAFormNeverFinishedGoAfterADayAndSentOnesStay() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(FormSendingTests.parent)
        let abandoned = try await send(h, parent, draft: FormDraft(formID: "leave"))
        let children = try await h.children(of: parent)
        var kept = h.draft("leave", FormSendingTests.leaveAnswers(children: [children[0]]))
        kept = try await send(h, parent, draft: kept)
        guard case .sent = try await h.services.sending.send(try h.form("leave"), draft: kept, parent: parent) else {
            Issue.record("not sent"); return
        }
        #expect(files(h).count == 2)
        #expect(try await h.services.evidence.sweep(now: ServiceHarness.now.addingTimeInterval(3600)) == 0, "kept for a day")
        #expect(try await h.services.evidence.sweep(now: ServiceHarness.now.addingTimeInterval(25 * 3600)) == 1)
        #expect(files(h) == kept.uploads["evidence"]?.map(\.id))
        #expect(try await h.store.upload(id: try #require(abandoned.uploads["evidence"]?.first?.id), schoolID: parent.schoolID) == nil)
    }

    @Test func aFamilyCannotKeepMoreThanItsQuota() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(FormSendingTests.parent)
        let small = EvidenceFiles(folder: h.folder.appendingPathComponent("evidence").path, maxFileBytes: 1_048_576,
                                  maxRequestBytes: 1_048_576, maxParentBytes: 1_500, store: h.store)
        let (_, page) = try fileQuestion(h)
        let question = try #require(page.questions.first { $0.kind == .file })
        let file = UploadedFile(fileName: "a.pdf", contentType: "application/pdf", data: Self.pdf)
        guard case .success = try await small.accept(file, for: question, alreadySent: 0, parent: parent, schoolID: parent.schoolID, at: ServiceHarness.now) else {
            Issue.record("the first file was refused"); return
        }
        guard case .failure(let error) = try await small.accept(file, for: question, alreadySent: 0, parent: parent, schoolID: parent.schoolID, at: ServiceHarness.now) else {
            Issue.record("the quota was not applied"); return
        }
        #expect(error.message.contains("the most the portal keeps for one family"))
    }
}
