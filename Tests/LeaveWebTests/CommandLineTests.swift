import Foundation
import LeaveCore
import LeaveStore
import Testing

/// The leave-portal executable itself, run as a script or an office would run it.
@Suite("The leave-portal command")
struct CommandLineTests {
    /// The built executable sits beside the test bundle in the build folder.
    static var executable: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("leave-portal")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(executable, "the leave-portal executable was not built")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LeaveImportTests/Fixtures")

    /// evaluate.md: exit 0 with the result; exit 2 with one line for a malformed case.
    @Test func evaluateReadsACaseFromStandardInput() throws {
        let valid = try Self.run(["evaluate", "-"], input: CaseFileExample.text)
        #expect(valid.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(valid.output.utf8)) as? [String: Any])
        #expect(object["recommendation"] as? String == "refuse")
        #expect(object["sessions"] as? Int == 10)
        let malformed = try Self.run(["evaluate", "-"], input: CaseFileExample.text.replacingOccurrences(of: "\"purpose\"", with: "\"colour\": 1, \"purpose\""))
        #expect(malformed.status == 2)
        #expect(malformed.errors == "unknown field 'request.colour'\n")
        #expect(malformed.output.isEmpty)
    }

    /// Issue 3's contract: 0 imported (JSON report), 1 refused (reason on standard error), 2 wrong usage.
    @Test func importExitCodesAndTheJSONReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["LEAVE_PORTAL_DATABASE": folder.appendingPathComponent("db.sqlite").path]
        // One school, so a CTF from an unknown school goes into it.
        let imported = try Self.run(["import", "ctf", Self.fixtures.appendingPathComponent("valid.xml").path, "--json"], environment: env)
        #expect(imported.status == 1, "no school exists yet: \(imported.errors)")
        #expect(imported.errors.contains("nothing was imported"))
        let attack = try Self.run(["import", "ctf", Self.fixtures.appendingPathComponent("billion-laughs.xml").path], environment: env)
        #expect(attack.status == 1)
        #expect(attack.errors.contains("DOCTYPE"))
        let usage = try Self.run(["import", "ctf"], environment: env)
        #expect(usage.status == 2)
        let missing = try Self.run(["import", "ctf", "/no/such/file.xml"], environment: env)
        #expect(missing.status == 2)
    }

    @Test func aCTFImportedFromTheCommandLinePrintsItsReport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        _ = try await DemoTrust.load(into: try AppDatabase.open(path: path), today: SchoolDate(iso: "2026-11-23")!) { "hash" }
        let file = Self.fixtures.appendingPathComponent("counts-disagree.xml").path
        let first = try Self.run(["import", "ctf", file, "--json"], environment: ["LEAVE_PORTAL_DATABASE": path])
        #expect(first.status == 0, "\(first.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        #expect((report["pupils"] as? [String: Int]) == ["added": 2, "updated": 0])
        #expect((report["marks"] as? [String: Int]) == ["added": 4, "changed": 0])
        let problems = try #require(report["problems"] as? [[String: String]])
        #expect(problems.count == 1 && problems[0]["where"]?.contains("A999200199001") == true)
        let again = try Self.run(["import", "ctf", file, "--json"], environment: ["LEAVE_PORTAL_DATABASE": path])
        #expect(again.output.contains("\"pupils\":{\"added\":0,\"updated\":0}"))
    }
}

/// The example case of evaluate.md, adapted so its dates fall in term.
enum CaseFileExample {
    static let text = #"""
    {
      "asOf": "2025-02-24",
      "policy": { "preset": "westfield", "noticeDays": 14 },
      "calendar": {
        "terms": [ { "start": "2025-01-06", "end": "2025-02-14" }, { "start": "2025-02-24", "end": "2025-04-04" } ],
        "closures": [ "2025-01-06" ]
      },
      "pupil": {
        "yearGroup": 6,
        "attendance": [ { "date": "2025-02-13", "am": "I", "pm": "I" }, { "date": "2025-02-14", "am": "/", "pm": "\\" } ]
      },
      "request": {
        "type": "leave", "category": "exceptional", "purpose": "funeral abroad",
        "start": "2025-03-10", "startSession": "AM", "end": "2025-03-14", "endSession": "PM",
        "returnDate": "2025-03-17", "evidence": ["death-certificate.pdf"]
      }
    }
    """#
}

extension CommandLineTests {
    /// A database that cannot be opened is named with what to do, without the usage text.
    @Test func serveNamesADatabaseItCannotOpen() throws {
        let run = try Self.run(["serve", "--database", "/proc/no-such-folder/portal.sqlite", "--forms", PortalHarness.formsFolder])
        #expect(run.status == 1)
        #expect(run.errors.contains("cannot open the database at /proc/no-such-folder/portal.sqlite"))
        #expect(run.errors.contains("--database"))
        #expect(!run.errors.contains("Usage:"))
    }

    @Test func userAddRefusesWhatItCannotUse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["LEAVE_PORTAL_DATABASE": folder.appendingPathComponent("portal.sqlite").path]
        let badRole = try Self.run(["user", "add", "--school", "1", "--email", "a@example.com", "--name", "A", "--role", "caretaker",
                                    "--bcrypt-cost", "4"], input: "a long enough password\n", environment: env)
        #expect(badRole.status == 2)
        #expect(badRole.errors.contains("unknown role 'caretaker'"))
        let noSchool = try Self.run(["user", "add", "--school", "7", "--email", "a@example.com", "--name", "A", "--role", "office",
                                     "--bcrypt-cost", "4"], input: "a long enough password\n", environment: env)
        #expect(noSchool.errors.contains("there is no school 7"))
    }
}

extension CommandLineTests {
    /// `migrate` makes the tables without serving, and a second run finds nothing to do; `copy`
    /// refuses what it cannot copy from, before touching anything (issue 16).
    @Test func migrateAndCopySayWhatTheyDid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("school.sqlite").path
        let first = try Self.run(["migrate", "--database", file])
        #expect(first.status == 0)
        #expect(first.output.contains("the SQLite database at \(file): applied"))
        #expect(first.output.contains("v28: sign-in attempts"))
        let second = try Self.run(["migrate", "--database", file])
        #expect(second.output.contains("up to date"))
        let wrongWay = try Self.run(["copy", "--from", "postgres://app@db/leave", "--to", "postgres://app@db/other"])
        #expect(wrongWay.status == 2)
        #expect(wrongWay.errors.contains("--from must be a SQLite file"))
        let missing = try Self.run(["copy", "--from", folder.appendingPathComponent("none.sqlite").path, "--to", "postgres://app@db/leave"])
        #expect(missing.errors.contains("there is no SQLite database at"))
        let noServer = try Self.run(["serve", "--database", "postgres://app@127.0.0.1:1/leave", "--forms", PortalHarness.formsFolder])
        #expect(noServer.status == 1)
        #expect(noServer.errors.contains("cannot open the PostgreSQL database postgres://app@127.0.0.1:1/leave"))
    }
}
