import Foundation
import LeaveCore

extension PostgresStore: PolicyStore {
    public func policy(schoolID: Int64) async throws -> PolicySettings {
        try await database.read { sql in try await Self.policy(sql, schoolID: schoolID) }
    }

    static func policy(_ sql: PostgresSQL, schoolID: Int64) async throws -> PolicySettings {
        guard let row = try await sql.row("SELECT preset, overrides FROM schoolPolicy WHERE schoolId = ?", [schoolID])
        else { return .standard }
        var settings = PolicySettings.preset(try row[0, String.self]) ?? .standard
        let text = try row[1, String.self]
        let overrides = (try? JSONDecoder().decode([String: StoredPolicyValue].self, from: Data(text.utf8))) ?? [:]
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
        try await database.write { sql in
            // The record keeps what each setting was and became, since the rules read them.
            let before = try await Self.policy(sql, schoolID: schoolID)
            var changes: [String] = []
            if before.preset != settings.preset { changes.append("preset: \(before.preset) → \(settings.preset)") }
            for name in PolicySettings.settingNames where before.value(of: name) != settings.value(of: name) {
                changes.append("\(name.rawValue): \(before.value(of: name).recordText) → \(settings.value(of: name).recordText)")
            }
            if !changes.isEmpty {
                try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .policyChanged, at: at,
                                                     detail: changes.joined(separator: "; ")), in: sql)
            }
            try await sql.execute("""
                INSERT INTO schoolPolicy (schoolId, preset, overrides, updatedAt, updatedBy) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (schoolId) DO UPDATE SET preset = excluded.preset, overrides = excluded.overrides,
                  updatedAt = excluded.updatedAt, updatedBy = excluded.updatedBy
                """, [schoolID, settings.preset, json, at, "\(actor.name) (\(actor.role.title))"])
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
        try await database.write { sql in
            // The values that may be NULL are cast: in a SELECT list PostgreSQL has no column to tell an untyped NULL's type.
            for (requestID, evaluation, findings) in rows {
                try await sql.execute("""
                    INSERT INTO requestEvaluation (schoolId, requestId, evaluatedAt, recommendation, findings,
                      sessions, schoolDays, attendanceToDate, projectedAttendance, registerCode)
                    SELECT ?, id, ?, ?, ?, ?, ?, ?::double precision, ?::double precision, ?::text FROM leaveRequest WHERE id = ? AND schoolId = ?
                    """, [schoolID, at, evaluation.recommendation.rawValue, findings, evaluation.sessions,
                          evaluation.schoolDays, evaluation.attendanceToDate, evaluation.projectedAttendance,
                          evaluation.registerCode?.rawValue, requestID, schoolID])
            }
            // The newest advice beside the request, so the queue can be counted and narrowed by it.
            for (requestID, evaluation, _) in rows {
                let value = evaluation.recommendation.rawValue
                try await sql.execute("""
                    UPDATE leaveRequest SET recommendation = ? WHERE id = ? AND schoolId = ? AND recommendation IS DISTINCT FROM ?
                    """, [value, requestID, schoolID, value])
            }
            for (requestID, due) in deadlines.sorted(by: { $0.key < $1.key }) {
                try await sql.execute("""
                    UPDATE leaveRequest SET decideBy = ?, decideByBasis = ?
                    WHERE id = ? AND schoolId = ? AND (decideBy IS DISTINCT FROM ? OR decideByBasis IS DISTINCT FROM ?)
                    """, [due.date.iso, due.basis.rawValue, requestID, schoolID, due.date.iso, due.basis.rawValue])
            }
        }
    }

    public func latestEvaluation(requestID: Int64, schoolID: Int64) async throws -> StoredEvaluation? {
        try await database.read { sql in try await Self.latestEvaluation(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func latestEvaluation(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> StoredEvaluation? {
        guard let row = try await sql.row("""
            SELECT * FROM requestEvaluation WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 1
            """, [requestID, schoolID]),
              let recommendation = Recommendation(rawValue: try row["recommendation", String.self])
        else { return nil }
        let findings = try row["findings", String.self]
        let stored = StoredFindingsReader.findings(findings)
        let evaluation = Evaluation(
            recommendation: recommendation, sessions: Int(try row.optional("sessions", Int64.self) ?? 0),
            schoolDays: Int(try row.optional("schoolDays", Int64.self) ?? 0),
            attendanceToDate: try row.optional("attendanceToDate", Double.self),
            projectedAttendance: try row.optional("projectedAttendance", Double.self),
            registerCode: try row.optional("registerCode", String.self).flatMap(AttendanceCode.init(register:)),
            findings: stored.compactMap(\.finding))
        return StoredEvaluation(evaluation: evaluation, evaluatedAt: try row["evaluatedAt", Date.self])
    }

    public func recommendations(requestIDs: [Int64], schoolID: Int64) async throws -> [Int64: Recommendation] {
        guard !requestIDs.isEmpty else { return [:] }
        return try await database.read { sql in
            var result: [Int64: Recommendation] = [:]
            for id in requestIDs.prefix(500) {
                if let text = try await sql.value(String.self, """
                    SELECT recommendation FROM requestEvaluation WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 1
                    """, [id, schoolID]), let recommendation = Recommendation(rawValue: text) {
                    result[id] = recommendation
                }
            }
            return result
        }
    }

    public func recommendations(schoolID: Int64) async throws -> [Int64: Recommendation] {
        try await database.read { sql in
            var result: [Int64: Recommendation] = [:]
            let rows = try await sql.rows("""
                SELECT requestId, recommendation FROM requestEvaluation
                WHERE id IN (SELECT MAX(id) FROM requestEvaluation WHERE schoolId = ? GROUP BY requestId)
                """, [schoolID])
            for row in rows {
                if let recommendation = Recommendation(rawValue: try row[1, String.self]) { result[try row[0, Int64.self]] = recommendation }
            }
            return result
        }
    }

    /// Read from the request's columns alone: the rules want dates, kind and outcome, and a
    /// pupil's earlier requests' answers (JSON) would cost more to decode than the rules cost to run.
    public func reviewInputs(schoolID: Int64, pupilIDs: Set<Int64>) async throws -> ReviewInputs {
        try await database.read { sql in try await Self.reviewInputs(sql, schoolID: schoolID, pupilIDs: pupilIDs) }
    }

    public func openRequestsUnderReview(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> (requests: [RequestWithPupil], inputs: ReviewInputs) {
        try await database.read { sql in
            // Inputs only for the pupils with something to review: a register import names every pupil with new marks.
            let open = try await Self.openRequests(sql, pupilIDs: pupilIDs, schoolID: schoolID)
            return (open, try await Self.reviewInputs(sql, schoolID: schoolID, pupilIDs: Set(open.map(\.pupil.id))))
        }
    }

    static func reviewInputs(_ sql: PostgresSQL, schoolID: Int64, pupilIDs: Set<Int64>) async throws -> ReviewInputs {
        var histories: [Int64: AttendanceHistory] = [:]
        var found: [RequestOnRecord] = []
        let ids = pupilIDs.sorted()
        for pupilID in ids { histories[pupilID] = try await Self.attendanceHistory(sql, pupilID: pupilID, schoolID: schoolID) }
        for slice in ids.slices(of: boundValueSlice) {
            for row in try await sql.rows(Self.onRecordSQL(pupils: slice.count), [schoolID] + Array(slice)) {
                guard let previous = PreviousRequest(kind: try row[2, String.self], startDate: try row[3, String.self],
                                                     endDate: try row[4, String.self], status: try row[5, String.self]) else { continue }
                found.append(RequestOnRecord(id: try row[0, Int64.self], pupilID: try row[1, Int64.self], previous: previous))
            }
        }
        return ReviewInputs(policy: try await Self.policy(sql, schoolID: schoolID), calendar: try await Self.calendar(sql, schoolID: schoolID),
                            histories: histories, requests: found)
    }
}
