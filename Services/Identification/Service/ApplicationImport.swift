import AidContracts
import Foundation
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Applications with the checks made on them, one (`POST /v1/applications`) or many at once
/// (`POST /v1/applications/import`, a JSON array), written in one transaction with the decisions
/// they lead to. Importing the same applications again changes nothing: an application already
/// there is kept as it is, and only a visit or review it does not have yet (same verdict or
/// outcome on the same day) is added to it, so a file re-sent with later checks records just those.
struct ApplicationImport: Sendable {
    let context: ServiceContext

    /// One application from the API: a 409 when its id, or its student and semester, are taken.
    func submit(_ submission: ApplicationSubmission, recordedBy: String) async throws -> IdentificationEngine.Summary {
        let problems = submission.validate()
        guard problems.isEmpty else {
            throw APIError(.unprocessableContent, problems: problems.map { APIError.Problem(field: $0.field, rule: $0.rule) })
        }
        return try await context.transaction { connection, outbox in
            guard try await Self.missingStudents([submission], on: connection).isEmpty else {
                throw APIError.notFound("studentId", "no student '\(submission.studentId)' on the roster")
            }
            guard try await !Self.insertApplications([submission], recordedBy: recordedBy, on: connection).isEmpty else {
                throw APIError.conflict("applicationId", "an application with this id, or for this student and semester, already exists")
            }
            try await Self.insertChecks([submission], recordedBy: recordedBy, on: connection)
            return try await IdentificationEngine(connection: connection).decide(studentIds: [submission.studentId], outbox: &outbox)
        }
    }

    /// A JSON array of applications; rows are checked one by one and `mode` says what bad rows do,
    /// as for roster imports.
    func importApplications(_ data: Data, mode: RosterImport.Mode, recordedBy: String) async throws -> RosterImport.Report {
        let parsed: ImportResult<ApplicationSubmission>
        do {
            parsed = try ApplicationFile.read(data)
        } catch {
            throw APIError.badRequest("body", error.description)
        }
        var rows = parsed.rows
        var errors = parsed.errors
        RosterImport.rejectDuplicates(&rows, &errors, field: "applicationId") { $0.applicationId }
        RosterImport.rejectDuplicates(&rows, &errors, field: "semester") { "\($0.studentId) \($0.semester)" }
        return try await context.transaction { connection, outbox in
            let missing = try await Self.missingStudents(rows.map(\.row), on: connection)
            let existing = try await Self.existing(rows.map(\.row), on: connection)
            let byId = Dictionary(existing.map { ($0.applicationId, $0) }, uniquingKeysWith: { first, _ in first })
            let bySemester = Dictionary(existing.map { ("\($0.studentId) \($0.semester)", $0) }, uniquingKeysWith: { first, _ in first })
            var accepted: [(line: Int, submission: ApplicationSubmission)] = []
            var new: [ApplicationSubmission] = []
            for (line, submission) in rows {
                let sameId = byId[submission.applicationId]
                let sameSemester = bySemester["\(submission.studentId) \(submission.semester)"]
                if missing.contains(submission.studentId) {
                    errors.append(RowError(line: line, field: "studentId", rule: "no student '\(submission.studentId)' on the roster; import students first"))
                } else if let sameId, sameId.studentId != submission.studentId || sameId.semester != submission.semester.description {
                    errors.append(RowError(line: line, field: "applicationId", rule: "is already the application of student \(sameId.studentId) for \(sameId.semester)"))
                } else if let sameSemester, sameSemester.applicationId != submission.applicationId {
                    errors.append(RowError(line: line, field: "semester", rule: "student \(submission.studentId) already has application \(sameSemester.applicationId) for \(submission.semester)"))
                } else {
                    accepted.append((line, submission))
                    if sameId == nil { new.append(submission) }
                }
            }
            try RosterImport.enforce(mode, errors: errors)
            // Taken by a request that committed after the check above: refused like a taken id.
            let inserted = try await Self.insertApplications(new, recordedBy: recordedBy, on: connection)
            let lost = Set(new.map(\.applicationId)).subtracting(inserted)
            if !lost.isEmpty {
                errors += accepted.filter { lost.contains($0.submission.applicationId) }.map {
                    RowError(line: $0.line, field: "applicationId", rule: "was submitted by another request meanwhile")
                }
                accepted.removeAll { lost.contains($0.submission.applicationId) }
                try RosterImport.enforce(mode, errors: errors)
            }
            let changed = inserted.union(try await Self.insertChecks(accepted.map(\.submission), recordedBy: recordedBy, on: connection))
            let students = Set(accepted.filter { changed.contains($0.submission.applicationId) }.map(\.submission.studentId))
            let summary = try await IdentificationEngine(connection: connection).decide(studentIds: Array(students), outbox: &outbox)
            return RosterImport.Report(
                kind: "applications", mode: mode, received: parsed.received, applied: changed.count,
                unchanged: accepted.count - changed.count, rejected: errors.sorted { $0.line < $1.line }.map(RosterImport.Rejection.init),
                identification: summary)
        }
    }

    // MARK: -

    private struct Existing {
        var applicationId: String
        var studentId: String
        var semester: String
    }

    private static func missingStudents(_ submissions: [ApplicationSubmission], on connection: PostgresConnection) async throws -> Set<String> {
        var missing = Set(submissions.map(\.studentId))
        for try await id in try await connection.run("SELECT student_id FROM students WHERE student_id = ANY(\(Array(missing)))").decode(String.self) {
            missing.remove(id)
        }
        return missing
    }

    /// Applications that share an id, or a student and semester, with one of these.
    private static func existing(_ submissions: [ApplicationSubmission], on connection: PostgresConnection) async throws -> [Existing] {
        let rows = try await connection.run("""
            SELECT application_id, student_id, semester FROM applications
            WHERE application_id = ANY(\(submissions.map(\.applicationId))) OR student_id = ANY(\(submissions.map(\.studentId)))
            """)
        var found: [Existing] = []
        for try await (id, student, semester) in rows.decode((String, String, String).self) {
            found.append(Existing(applicationId: id, studentId: student, semester: semester))
        }
        return found
    }

    /// Inserts these applications; returns the ids inserted. One whose id, or student and
    /// semester, is taken (by a request that committed meanwhile) is left out, never overwritten.
    private static func insertApplications(_ submissions: [ApplicationSubmission], recordedBy: String,
                                           on connection: PostgresConnection) async throws -> Set<String> {
        if submissions.isEmpty { return [] }
        let encoder = JSONEncoder()
        let surveys = try submissions.map { String(decoding: try encoder.encode($0.survey), as: UTF8.self) }
        let rows = try await connection.run("""
            INSERT INTO applications (application_id, student_id, semester, survey, submitted_by)
            SELECT a, s, t, v::jsonb, \(recordedBy)
            FROM unnest(\(submissions.map(\.applicationId))::text[], \(submissions.map(\.studentId))::text[],
                        \(submissions.map(\.semester.description))::text[], \(surveys)::text[]) AS u(a, s, t, v)
            ON CONFLICT DO NOTHING
            RETURNING application_id
            """)
        var inserted: Set<String> = []
        for try await id in rows.decode(String.self) { inserted.insert(id) }
        return inserted
    }

    /// Adds every visit and review these applications do not have yet (same verdict or outcome on
    /// the same day); returns the applications that got one.
    @discardableResult
    private static func insertChecks(_ submissions: [ApplicationSubmission], recordedBy: String,
                                     on connection: PostgresConnection) async throws -> Set<String> {
        var changed: Set<String> = []
        let visits = submissions.compactMap { submission in submission.visit.map { (submission.applicationId, $0) } }
        if !visits.isEmpty {
            let rows = try await connection.run("""
                INSERT INTO verification_visits (application_id, verdict, visited_on, visitor, notes)
                SELECT a, v, d::date, \(recordedBy), NULLIF(n, '')
                FROM unnest(\(visits.map(\.0))::text[], \(visits.map(\.1.verdict.rawValue))::text[],
                            \(visits.map(\.1.visitedOn))::text[], \(visits.map { $0.1.notes ?? "" })::text[]) AS u(a, v, d, n)
                WHERE NOT EXISTS (SELECT 1 FROM verification_visits x WHERE x.application_id = u.a AND x.verdict = u.v AND x.visited_on = u.d::date)
                RETURNING application_id
                """)
            for try await id in rows.decode(String.self) { changed.insert(id) }
        }
        let reviews = submissions.compactMap { submission in submission.parentReview.map { (submission.applicationId, $0) } }
        if !reviews.isEmpty {
            let rows = try await connection.run("""
                INSERT INTO parent_reviews (application_id, outcome, reviewed_on, recorded_by)
                SELECT a, o, d::date, \(recordedBy)
                FROM unnest(\(reviews.map(\.0))::text[], \(reviews.map(\.1.outcome.rawValue))::text[], \(reviews.map(\.1.reviewedOn))::text[]) AS u(a, o, d)
                WHERE NOT EXISTS (SELECT 1 FROM parent_reviews x WHERE x.application_id = u.a AND x.outcome = u.o AND x.reviewed_on = u.d::date)
                RETURNING application_id
                """)
            for try await id in rows.decode(String.self) { changed.insert(id) }
        }
        return changed
    }
}
