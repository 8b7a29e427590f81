import Foundation
import LeaveCore
import LeaveImport
import LeaveStore

/// Runs a MIS import for a school: chooses the school, parses inside one transaction (a
/// refused file changes nothing), and records the import. Shared by the command line and the
/// office's upload page, so both give the same report.
public struct RegisterImports: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ctf
        case attendance
        case pupils
    }

    let store: any PortalStore
    let maxBytes: Int

    public init(store: any PortalStore, maxBytes: Int = CTFReader.defaultMaxBytes) {
        self.store = store
        self.maxBytes = maxBytes
    }

    public func run(_ kind: Kind, path: String, fileName: String? = nil, schoolID: Int64?, actorName: String, at: Date) async throws -> (School, ImportReport) {
        let school = try await chooseSchool(kind, path: path, schoolID: schoolID)
        let record = ImportRecord(kind: kind.rawValue, fileName: fileName ?? URL(fileURLWithPath: path).lastPathComponent,
                                  actorName: actorName, at: at)
        let maxBytes = self.maxBytes
        let data: Data?
        if kind == .ctf {
            data = nil
        } else {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maxBytes else { throw ImportRefusal("the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB") }
            guard let contents = FileManager.default.contents(atPath: path) else { throw ImportRefusal("the file could not be read") }
            data = contents
        }
        let report = try await store.importRegister(schoolID: school.id, record: record, { target in
            switch kind {
            case .ctf: try CTFImporter(reader: CTFReader(maxBytes: maxBytes)).run(path: path, into: target)
            case .attendance: try AttendanceCSVImporter().run(data: data!, into: target)
            case .pupils: try PupilCSVImporter().run(data: data!, into: target)
            }
        }, summary: { $0.summary })
        return (school, report)
    }

    /// A CTF names its school; a CSV does not, so it needs `schoolID` unless there is one school.
    func chooseSchool(_ kind: Kind, path: String, schoolID: Int64?) async throws -> School {
        let schools = try await store.schools()
        if kind == .ctf {
            let header = try CTFReader(maxBytes: maxBytes).header(path: path)
            if let schoolID {
                guard let school = schools.first(where: { $0.id == schoolID }) else { throw ImportRefusal("there is no school \(schoolID)") }
                if let named = try await store.school(laCode: header.laCode, estab: header.estab), named.id != school.id {
                    throw ImportRefusal("the file comes from \(named.name) (LA \(header.laCode), establishment \(header.estab)), not \(school.name)", at: "Header/SourceSchool")
                }
                return school
            }
            if let named = try await store.school(laCode: header.laCode, estab: header.estab) { return named }
            if schools.count == 1 { return schools[0] }
            throw ImportRefusal("no school here has LA \(header.laCode) and establishment \(header.estab); say which school with --school", at: "Header/SourceSchool")
        }
        if let schoolID {
            guard let school = schools.first(where: { $0.id == schoolID }) else { throw ImportRefusal("there is no school \(schoolID)") }
            return school
        }
        if schools.count == 1 { return schools[0] }
        throw ImportRefusal("this portal has \(schools.count) schools; say which with --school (\(schools.map { "\($0.id) \($0.name)" }.joined(separator: ", ")))")
    }
}
