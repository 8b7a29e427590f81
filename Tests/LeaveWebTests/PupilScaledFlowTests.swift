import Foundation
import GRDB
import HummingbirdTesting
import LeaveStore
import Synchronization
import Testing

/// What a parent's submission costs must not grow with the school: every statement the form
/// runs, from its first page to the confirmation, reads the parent's, the pupil's or the request's
/// own rows by their key, never along a school-wide list (issue 11: a trust's queue of 5,000
/// requests once made each submission read all of them to find one pupil's).
@Suite("A submission reads only its own family's rows")
struct PupilScaledFlowTests {
    /// The statements the connections ran, with their values, as SQLite expanded them.
    final class StatementLog: Sendable {
        let statements = Mutex<[String]>([])

        func watch(_ db: Database) {
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event {
                    let sql = statement.expandedSQL
                    self.statements.withLock { $0.append(sql) }
                }
            }
        }

        func clear() { statements.withLock { $0.removeAll() } }
        var all: [String] { statements.withLock { $0 } }
    }

    /// Lists that grow with the whole school: a parent's page reaching one of these reads rows of
    /// every family.
    static let schoolWide = ["leaveRequest_queue ", "leaveRequest_queueOrder", "leaveRequest_advice", "leaveRequest_evidenceWaiting",
                             "leaveRequest_on_schoolId", "requestEvaluation_on_schoolId", "auditEvent_school", "pupil_on_schoolId",
                             "account_on_schoolId"]

    /// The query plan of each statement that reads (a write's own plan is its key), with what is wrong with it.
    static func faults(of statements: [String], in database: AppDatabase) throws -> [String] {
        let reading = Set(statements.filter { sql in
            let verb = sql.drop { $0.isWhitespace }.prefix(6).uppercased()
            return verb == "SELECT" || verb == "UPDATE" || verb == "DELETE" || verb.hasPrefix("WITH")
        })
        return try database.writer.read { db in
            var faults: [String] = []
            for sql in reading.sorted() {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                for line in plan {
                    let scansATable = line.hasPrefix("SCAN ") && !line.contains("CONSTANT ROW") && !line.hasPrefix("SCAN json_each")
                    if scansATable || schoolWide.contains(where: { line.contains("INDEX \($0)") || line.hasSuffix("INDEX \($0.trimmingCharacters(in: .whitespaces))") }) {
                        faults.append("\(line)\n  in: \(sql)")
                    }
                }
            }
            return faults
        }
    }

    @Test func everyStatementOfASubmissionIsReadByItsOwnKey() async throws {
        let log = StatementLog()
        try await PortalHarness.run(eachConnection: { log.watch($0) }) { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            log.clear()
            let references = try await parent.askForLeave(children: ["Bryn Marrowfield"])
            #expect(references.count == 1)
            let statements = log.all
            #expect(statements.count > 20, "the log saw the flow's statements: \(statements.count)")
            let faults = try Self.faults(of: statements, in: database)
            #expect(faults.isEmpty, "\(faults.joined(separator: "\n"))")
        }
    }
}
