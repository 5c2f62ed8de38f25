import AidContracts
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime
import TrainingDomain

/// Roll calls and exam results of a session. A roll call covers every enrolled trainee (those not
/// named present are absent); an exam result completes the enrolment, issues a certificate on a pass
/// and closes the session to new enrolments.
struct ClassRecords: Sendable {
    let context: ServiceContext

    struct RollCall: Decodable {
        var day: CalendarDay
        /// Trainee ids of those present.
        var present: [String]
    }

    struct RollCallSummary: ResponseCodable {
        var sessionId: String
        var day: String
        var present: Int
        var absent: Int
    }

    struct ExamSheet: Decodable {
        struct Line: Decodable {
            var traineeId: String
            var score: Int
        }

        var examDay: CalendarDay
        var results: [Line]
    }

    struct Result: ResponseCodable {
        var enrolmentId: String
        var traineeId: String
        var outcome: String
        var score: Int
        var attendancePercent: Int
        var certificateId: String?
        /// Why the trainee failed; empty on a pass.
        var reasons: [String]
    }

    private struct Session {
        var placement: TrainingEvent.Placement
        var startsOn: CalendarDay
        var endsOn: CalendarDay
        var passMark: Int
        var examined: Bool
        /// Enrolment id by trainee id, for those holding a seat.
        var enrolled: [String: String]
    }

    func recordRollCall(sessionId: String, _ rollCall: RollCall, by actor: String, today: CalendarDay) async throws -> RollCallSummary {
        guard rollCall.day <= today else {
            throw APIError(.unprocessableContent, field: "day", rule: "must not be in the future (today is \(today)), got \(rollCall.day)")
        }
        return try await context.transaction { connection, _ in
            let session = try await Self.lock(sessionId, on: connection)
            guard !session.examined else {
                throw APIError.conflict("sessionId", "session \(sessionId) has exam results; attendance can no longer change")
            }
            guard session.startsOn <= rollCall.day, rollCall.day <= session.endsOn else {
                throw APIError(.unprocessableContent, field: "day", rule: "must be within the session, \(session.startsOn) to \(session.endsOn), got \(rollCall.day)")
            }
            var problems: [FieldError] = []
            for (index, traineeId) in rollCall.present.enumerated() where session.enrolled[traineeId] == nil {
                problems.append(FieldError(field: "present[\(index)]", rule: "trainee '\(traineeId)' is not enrolled in session \(sessionId)"))
            }
            if Set(rollCall.present).count != rollCall.present.count {
                problems.append(FieldError(field: "present", rule: "names a trainee more than once"))
            }
            try problems.throwIfAny()
            let present = Set(rollCall.present)
            let enrolments = session.enrolled.sorted { $0.key < $1.key }
            try await connection.run("""
                INSERT INTO roll_calls (session_id, day, recorded_by) VALUES (\(sessionId), \(rollCall.day.description)::date, \(actor))
                ON CONFLICT (session_id, day) DO UPDATE SET recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                """)
            // A roll call taken again for the same day corrects the first one.
            try await connection.run("""
                INSERT INTO attendance (enrolment_id, day, present)
                SELECT e, \(rollCall.day.description)::date, p FROM unnest(\(enrolments.map(\.value))::text[], \(enrolments.map { present.contains($0.key) })::boolean[]) AS u(e, p)
                ON CONFLICT (enrolment_id, day) DO UPDATE SET present = EXCLUDED.present
                """)
            return RollCallSummary(sessionId: sessionId, day: rollCall.day.description, present: present.count, absent: enrolments.count - present.count)
        }
    }

    /// Records every line or none: a sheet with one bad line changes nothing.
    func recordExam(sessionId: String, _ sheet: ExamSheet, by actor: String, today: CalendarDay) async throws -> [Result] {
        guard sheet.examDay <= today else {
            throw APIError(.unprocessableContent, field: "examDay", rule: "must not be in the future (today is \(today)), got \(sheet.examDay)")
        }
        return try await context.transaction { connection, outbox in
            let session = try await Self.lock(sessionId, on: connection)
            guard session.startsOn <= sheet.examDay else {
                throw APIError(.unprocessableContent, field: "examDay", rule: "must not be before the session starts (\(session.startsOn)), got \(sheet.examDay)")
            }
            guard !sheet.results.isEmpty else { throw APIError(.unprocessableContent, field: "results", rule: "must list at least one trainee") }
            let classDays = try await connection.run("SELECT count(*)::int FROM roll_calls WHERE session_id = \(sessionId)").collect().first?.decode(Int.self) ?? 0
            var attended: [String: Int] = [:]
            let rows = try await connection.run("""
                SELECT a.enrolment_id, count(*) FILTER (WHERE a.present)::int FROM attendance a
                JOIN enrolments e USING (enrolment_id) WHERE e.session_id = \(sessionId) GROUP BY a.enrolment_id
                """)
            for try await (enrolmentId, days) in rows.decode((String, Int).self) { attended[enrolmentId] = days }

            var problems: [FieldError] = []
            var assessed: [(line: ExamSheet.Line, enrolmentId: String, assessment: ExamAssessment)] = []
            var seen = Set<String>()
            for (index, line) in sheet.results.enumerated() {
                guard seen.insert(line.traineeId).inserted else {
                    problems.append(FieldError(field: "results[\(index)].traineeId", rule: "trainee '\(line.traineeId)' appears more than once"))
                    continue
                }
                guard let enrolmentId = session.enrolled[line.traineeId] else {
                    problems.append(FieldError(field: "results[\(index)].traineeId", rule: "trainee '\(line.traineeId)' holds no seat in session \(sessionId) without a result"))
                    continue
                }
                do {
                    let assessment = try ExamAssessment.assess(
                        score: line.score, passMark: session.passMark, attendedDays: attended[enrolmentId] ?? 0, classDays: classDays)
                    assessed.append((line, enrolmentId, assessment))
                } catch let error as FieldError {
                    problems.append(FieldError(field: error.field == "score" ? "results[\(index)].score" : error.field, rule: error.rule))
                }
            }
            try problems.throwIfAny()

            let year = sheet.examDay.year
            var results: [Result] = []
            for (line, enrolmentId, assessment) in assessed {
                try await connection.run("""
                    INSERT INTO exam_results (enrolment_id, exam_day, exam_year, score, attendance_percent, passed, recorded_by)
                    VALUES (\(enrolmentId), \(sheet.examDay.description)::date, \(year), \(line.score), \(assessment.attendancePercent), \(assessment.passed), \(actor))
                    """)
                try await connection.run("UPDATE enrolments SET status = 'completed', updated_at = now() WHERE enrolment_id = \(enrolmentId)")
                let certificateId = assessment.passed ? "CERT-\(year)-\(enrolmentId.dropFirst(4))" : nil
                if let certificateId {
                    try await connection.run("""
                        INSERT INTO certificates (certificate_id, enrolment_id, trainee_id, course_id, issued_on)
                        VALUES (\(certificateId), \(enrolmentId), \(line.traineeId), \(session.placement.courseId), \(sheet.examDay.description)::date)
                        """)
                }
                try outbox.append(
                    TrainingEvent.TrainingCompleted(
                        enrolmentId: enrolmentId, traineeId: line.traineeId, placement: session.placement, year: year,
                        outcome: assessment.passed ? .passed : .failed, score: line.score,
                        attendancePercent: assessment.attendancePercent, certificateId: certificateId),
                    eventID: "completed:\(enrolmentId)")
                results.append(Result(
                    enrolmentId: enrolmentId, traineeId: line.traineeId, outcome: assessment.passed ? "passed" : "failed", score: line.score,
                    attendancePercent: assessment.attendancePercent, certificateId: certificateId, reasons: assessment.reasons))
            }
            try await connection.run("UPDATE sessions SET examined = true WHERE session_id = \(sessionId)")
            return results
        }
    }

    /// Locks the session row (roll calls and exams of one session never interleave) and loads who holds a seat.
    private static func lock(_ sessionId: String, on connection: PostgresConnection) async throws -> Session {
        let header = try await connection.run("""
            SELECT s.course_id, c.centre_id, s.starts_on::text, s.ends_on::text, c.pass_mark, s.examined
            FROM sessions s JOIN courses c USING (course_id) WHERE s.session_id = \(sessionId) FOR UPDATE OF s
            """).collect()
        guard let (courseId, centreId, startsOn, endsOn, passMark, examined) = try header.first?.decode((String, String, String, String, Int, Bool).self),
              let starts = CalendarDay(iso: startsOn), let ends = CalendarDay(iso: endsOn) else {
            throw APIError.notFound("id", "no session '\(sessionId)'")
        }
        var enrolled: [String: String] = [:]
        let rows = try await connection.run("""
            SELECT trainee_id, enrolment_id FROM enrolments WHERE session_id = \(sessionId) AND status = 'enrolled'
            """)
        for try await (traineeId, enrolmentId) in rows.decode((String, String).self) { enrolled[traineeId] = enrolmentId }
        return Session(
            placement: TrainingEvent.Placement(sessionId: sessionId, courseId: courseId, centreId: centreId),
            startsOn: starts, endsOn: ends, passMark: passMark, examined: examined, enrolled: enrolled)
    }
}
