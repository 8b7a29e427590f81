import Foundation
import LeaveCore
import LeaveImport
import LeaveStore

/// Runs a MIS import for a school: chooses the school, reads the file, writes it in one
/// transaction (a refused file changes nothing), and records the import. Shared by the command line and the
/// office's upload page, so both give the same report.
public struct RegisterImports: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ctf
        case attendance
        case pupils
    }

    let store: any PortalStore
    let clock: SchoolClock
    public let maxBytes: Int

    public init(store: any PortalStore, clock: SchoolClock, maxBytes: Int = CTFReader.defaultMaxBytes) {
        self.store = store
        self.clock = clock
        self.maxBytes = maxBytes
    }

    /// Reads the whole file first (a refused file writes nothing), writes it in one transaction,
    /// then has the rules look again at the open requests of every pupil whose register changed.
    public func run(_ kind: Kind, path: String, fileName: String? = nil, schoolID: Int64?, actorName: String) async throws -> (School, ImportReport) {
        let school = try await chooseSchool(kind, path: path, schoolID: schoolID)
        let reading = try read(kind, path: path)
        let record = ImportRecord(kind: kind.rawValue, fileName: fileName ?? URL(fileURLWithPath: path).lastPathComponent,
                                  actorName: actorName, at: clock.now, fileProblems: reading.fileProblems)
        let changes = try await store.importRegister(reading.batch, schoolID: school.id, record: record)
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: changes.changedPupils, schoolID: school.id)
        return (school, ImportReport(reading, changes))
    }

    func read(_ kind: Kind, path: String) throws -> RegisterReading {
        if kind == .ctf { return try CTFImporter(reader: CTFReader(maxBytes: maxBytes)).read(path: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else { throw ImportRefusal("the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportRefusal("the file could not be read") }
        return kind == .attendance ? try AttendanceCSVImporter().read(data: data) : try PupilCSVImporter().read(data: data)
    }

    /// A CTF names its school; a CSV does not, so it needs `schoolID` unless there is one school.
    public func chooseSchool(_ kind: Kind, path: String, schoolID: Int64?) async throws -> School {
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
