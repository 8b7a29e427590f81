import ArgumentParser
import Foundation
import LeaveCore

/// `leave-portal evaluate CASE.json`: the rules as a what-if tool (../shared/design/evaluate.md).
/// Never opens the database. Exit 0 with the result, 2 with one line when the case is malformed.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Judge a what-if case with the rules and print the findings as JSON.",
        discussion: "The case file's format is described in design/evaluate.md. Use - to read standard input.")

    @Argument(help: "The case file (JSON), or - for standard input.")
    var file: String

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read '\(file)'")
            }
            data = contents
        }
        do {
            let evaluation = Evaluator.evaluate(try CaseFile.read(data))
            print(EvaluationJSON.encode(evaluation))
        } catch let error as CaseFileError {
            FileHandle.standardError.write(Data("\(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
