import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: PolicyStore {
    public func policy(schoolID: Int64) async throws -> PolicySettings {
        try await writer.read { db in try Self.policy(db, schoolID: schoolID) }
    }

    static func policy(_ db: Database, schoolID: Int64) throws -> PolicySettings {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT preset, overrides FROM schoolPolicy WHERE schoolId = ?"), arguments: [schoolID])
        else { return .standard }
        var settings = PolicySettings.preset(row["preset"]) ?? .standard
        let overrides = (try? JSONDecoder().decode([String: StoredPolicyValue].self, from: Data((row["overrides"] as String).utf8))) ?? [:]
        for (key, value) in overrides {
            // A setting that no longer exists, or no longer passes its checks, keeps the preset's value.
            guard let name = PolicySettingName(rawValue: key) else { continue }
            try? settings.set(name, to: value.policyValue)
        }
        return settings
    }

    public func savePolicy(_ settings: PolicySettings, schoolID: Int64, by actor: Actor, at: Date) async throws {
        // Only what differs from the preset is stored, so a later change to a preset reaches
        // every school that has not overridden that setting.
        let preset = PolicySettings.preset(settings.preset) ?? .standard
        var overrides: [String: StoredPolicyValue] = [:]
        for name in PolicySettings.settingNames where settings.value(of: name) != preset.value(of: name) {
            overrides[name.rawValue] = StoredPolicyValue(settings.value(of: name))
        }
        let json = String(decoding: try JSONEncoder().encode(overrides), as: UTF8.self)
        try await writer.write { db in
            // The record keeps what each setting was and became, since the rules read them.
            let before = try Self.policy(db, schoolID: schoolID)
            var changes: [String] = []
            if before.preset != settings.preset { changes.append("preset: \(before.preset) → \(settings.preset)") }
            for name in PolicySettings.settingNames where before.value(of: name) != settings.value(of: name) {
                changes.append("\(name.rawValue): \(before.value(of: name).recordText) → \(settings.value(of: name).recordText)")
            }
            if !changes.isEmpty {
                try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .policyChanged, at: at,
                                               detail: changes.joined(separator: "; ")), in: db)
            }
            try db.execute(sql: """
                INSERT INTO schoolPolicy (schoolId, preset, overrides, updatedAt, updatedBy) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(schoolId) DO UPDATE SET preset = excluded.preset, overrides = excluded.overrides,
                  updatedAt = excluded.updatedAt, updatedBy = excluded.updatedBy
                """, arguments: [schoolID, settings.preset, json, at, "\(actor.name) (\(actor.role.title))"])
        }
    }

    public func saveEvaluation(_ evaluation: Evaluation, requestID: Int64, schoolID: Int64, at: Date) async throws {
        try await saveEvaluations([requestID: evaluation], deadlines: [:], schoolID: schoolID, at: at)
    }

    public func saveEvaluations(_ evaluations: [Int64: Evaluation], deadlines: [Int64: DecisionDeadline], schoolID: Int64,
                                at: Date) async throws {
        guard !evaluations.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows = try evaluations.sorted { $0.key < $1.key }.map { requestID, evaluation in
            (requestID, evaluation, String(decoding: try encoder.encode(evaluation.findings.map(StoredFinding.init)), as: UTF8.self))
        }
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO requestEvaluation (schoolId, requestId, evaluatedAt, recommendation, findings,
                  sessions, schoolDays, attendanceToDate, projectedAttendance, registerCode)
                SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM leaveRequest WHERE id = ? AND schoolId = ?
                """)
            for (requestID, evaluation, findings) in rows {
                try insert.execute(arguments: [schoolID, at, evaluation.recommendation.rawValue, findings, evaluation.sessions,
                                                evaluation.schoolDays, evaluation.attendanceToDate, evaluation.projectedAttendance,
                                                evaluation.registerCode?.rawValue, requestID, schoolID])
            }
            let deadline = try db.cachedStatement(sql: """
                UPDATE leaveRequest SET decideBy = ?, decideByBasis = ?
                WHERE id = ? AND schoolId = ? AND (decideBy IS NOT ? OR decideByBasis IS NOT ?)
                """)
            // The newest advice beside the request, so the queue can be counted and narrowed by it.
            let advice = try db.cachedStatement(sql: """
                UPDATE leaveRequest SET recommendation = ? WHERE id = ? AND schoolId = ? AND recommendation IS NOT ?
                """)
            for (requestID, evaluation, _) in rows {
                let value = evaluation.recommendation.rawValue
                try advice.execute(arguments: [value, requestID, schoolID, value])
            }
            for (requestID, due) in deadlines.sorted(by: { $0.key < $1.key }) {
                try deadline.execute(arguments: [due.date.iso, due.basis.rawValue, requestID, schoolID, due.date.iso, due.basis.rawValue])
            }
        }
    }

    public func latestEvaluation(requestID: Int64, schoolID: Int64) async throws -> StoredEvaluation? {
        try await writer.read { db in try Self.latestEvaluation(db, requestID: requestID, schoolID: schoolID) }
    }

    static func latestEvaluation(_ db: Database, requestID: Int64, schoolID: Int64) throws -> StoredEvaluation? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM requestEvaluation WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 1
            """), arguments: [requestID, schoolID]),
              let recommendation = Recommendation(rawValue: row["recommendation"])
        else { return nil }
        let stored = StoredFindingsReader.findings(row["findings"] as String)
        let evaluation = Evaluation(
            recommendation: recommendation, sessions: row["sessions"] ?? 0, schoolDays: row["schoolDays"] ?? 0,
            attendanceToDate: row["attendanceToDate"], projectedAttendance: row["projectedAttendance"],
            registerCode: (row["registerCode"] as String?).flatMap(AttendanceCode.init(register:)),
            findings: stored.compactMap(\.finding))
        return StoredEvaluation(evaluation: evaluation, evaluatedAt: row["evaluatedAt"])
    }

    public func recommendations(requestIDs: [Int64], schoolID: Int64) async throws -> [Int64: Recommendation] {
        guard !requestIDs.isEmpty else { return [:] }
        return try await writer.read { db in
            var result: [Int64: Recommendation] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT recommendation FROM requestEvaluation WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 1
                """)
            for id in requestIDs.prefix(500) {
                if let text = try String.fetchOne(statement, arguments: [id, schoolID]), let recommendation = Recommendation(rawValue: text) {
                    result[id] = recommendation
                }
            }
            return result
        }
    }

    public func recommendations(schoolID: Int64) async throws -> [Int64: Recommendation] {
        try await writer.read { db in
            var result: [Int64: Recommendation] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT requestId, recommendation FROM requestEvaluation
                WHERE id IN (SELECT MAX(id) FROM requestEvaluation WHERE schoolId = ? GROUP BY requestId)
                """, arguments: [schoolID])
            for row in rows {
                if let recommendation = Recommendation(rawValue: row["recommendation"]) { result[row["requestId"]] = recommendation }
            }
            return result
        }
    }

    /// Read from the request's columns alone: the rules want dates, kind and outcome, and a
    /// pupil's earlier requests' answers (JSON) would cost more to decode than the rules cost to run.
    public func reviewInputs(schoolID: Int64, pupilIDs: Set<Int64>) async throws -> ReviewInputs {
        try await writer.read { db in try reviewInputs(db, schoolID: schoolID, pupilIDs: pupilIDs) }
    }

    public func openRequestsUnderReview(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> (requests: [RequestWithPupil], inputs: ReviewInputs) {
        try await writer.read { db in
            // Inputs only for the pupils with something to review: a register import names every pupil with new marks.
            let open = try Self.openRequests(db, pupilIDs: pupilIDs, schoolID: schoolID)
            return (open, try reviewInputs(db, schoolID: schoolID, pupilIDs: Set(open.map(\.pupil.id))))
        }
    }

    func reviewInputs(_ db: Database, schoolID: Int64, pupilIDs: Set<Int64>) throws -> ReviewInputs {
        var histories: [Int64: AttendanceHistory] = [:]
        var found: [RequestOnRecord] = []
        let ids = pupilIDs.sorted()
        for pupilID in ids { histories[pupilID] = try Self.attendanceHistory(db, pupilID: pupilID, schoolID: schoolID) }
        for slice in ids.slices(of: boundValueSlice) {
            // Kept prepared for a few pupils (a request, a family); a school's slices vary in length.
            let sql = Self.onRecordSQL(pupils: slice.count)
            let statement = slice.count <= 4 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments([schoolID] + Array(slice)))
            while let row = try rows.next() {
                guard let previous = PreviousRequest(kind: row[2], startDate: row[3], endDate: row[4], status: row[5]) else { continue }
                found.append(RequestOnRecord(id: row[0], pupilID: row[1], previous: previous))
            }
        }
        return ReviewInputs(policy: try Self.policy(db, schoolID: schoolID), calendar: try cachedCalendar(db, schoolID: schoolID),
                            histories: histories, requests: found)
    }
}

/// A policy setting as stored in JSON.
enum StoredPolicyValue: Codable, Equatable {
    case number(Double), text(String), flag(Bool), list([String]), null

    init(_ value: PolicyValue) {
        switch value {
        case .number(let n): self = .number(n)
        case .text(let t): self = .text(t)
        case .flag(let f): self = .flag(f)
        case .list(let l): self = .list(l)
        case .null: self = .null
        }
    }

    var policyValue: PolicyValue {
        switch self {
        case .number(let n): .number(n)
        case .text(let t): .text(t)
        case .flag(let f): .flag(f)
        case .list(let l): .list(l)
        case .null: .null
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .flag(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let t = try? c.decode(String.self) { self = .text(t) }
        else { self = .list(try c.decode([String].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .text(let t): try c.encode(t)
        case .flag(let f): try c.encode(f)
        case .list(let l): try c.encode(l)
        case .null: try c.encodeNil()
        }
    }
}

extension PolicyValue {
    /// A value as the record writes it: `14`, `0.95`, `yes`, `[holiday, birthday]`, `none`.
    var recordText: String {
        switch self {
        case .number(let n): Int(exactly: n).map(String.init) ?? String(n)
        case .text(let t): t
        case .flag(let f): f ? "yes" : "no"
        case .list(let items): "[" + items.joined(separator: ", ") + "]"
        case .null: "none"
        }
    }
}
