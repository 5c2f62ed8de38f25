import AidContracts
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime
import TrainingDomain

/// Enrolment, withdrawal and seat changes of a session. Each runs in one transaction holding the
/// session's row lock, so two requests for the last seat cannot both get it; the domain's
/// `SessionRoster` decides who sits and who waits, and the events commit with the change.
struct EnrolmentDesk: Sendable {
    let context: ServiceContext

    struct Receipt: ResponseCodable {
        var enrolmentId: String
        var traineeId: String
        var sessionId: String
        var status: String
        /// Place on the waitlist (1 = next); nil when enrolled.
        var position: Int?
        var prioritized: Bool
    }

    struct Change: ResponseCodable {
        var sessionId: String
        var capacity: Int
        /// Enrolments promoted from the waitlist by this change, in line order.
        var promoted: [String]
    }

    /// A session as stored, locked for the rest of the transaction.
    private struct LockedSession {
        var placement: TrainingEvent.Placement
        var examined: Bool
        var roster: SessionRoster
        var trainees: [String: String]
    }

    func enrol(sessionId: String, traineeId: String, by actor: String) async throws -> Receipt {
        try await context.transaction { connection, outbox in
            guard var session = try await Self.lock(sessionId, on: connection) else {
                throw APIError.notFound("sessionId", "no session '\(sessionId)'")
            }
            guard !session.examined else {
                throw APIError.conflict("sessionId", "session \(sessionId) has exam results; enrolment is closed")
            }
            let trainee = try await connection.run("""
                SELECT t.household_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM identified_students i WHERE i.household_id = t.household_id AND i.active)
                FROM trainees t WHERE t.trainee_id = \(traineeId)
                """).collect()
            guard let prioritized = try trainee.first?.decode(Bool.self) else {
                throw APIError(.unprocessableContent, field: "traineeId", rule: "no trainee '\(traineeId)'; register the trainee first")
            }
            if session.trainees.values.contains(traineeId) {
                throw APIError.conflict("traineeId", "trainee \(traineeId) is already enrolled or waitlisted in session \(sessionId)")
            }
            let sequence = try await connection.run("SELECT nextval('enrolment_requests')").collect().first?.decode(Int64.self) ?? 0
            let enrolmentId = "ENR-\(UUID().uuidString.prefix(13).lowercased())"
            let admission: SessionRoster.Admission
            do {
                admission = try session.roster.request(.init(enrolmentId: enrolmentId, prioritized: prioritized, sequence: sequence))
            } catch let error as SessionRoster.RosterError {
                throw APIError.conflict("traineeId", error.description)
            }
            let status = admission == .enrolled ? "enrolled" : "waitlisted"
            try await connection.run("""
                INSERT INTO enrolments (enrolment_id, session_id, trainee_id, status, request_sequence, requested_by)
                VALUES (\(enrolmentId), \(sessionId), \(traineeId), \(status), \(sequence), \(actor))
                """)
            switch admission {
            case .enrolled:
                try outbox.append(
                    TrainingEvent.TraineeEnrolled(
                        enrolmentId: enrolmentId, traineeId: traineeId, placement: session.placement, prioritized: prioritized, fromWaitlist: false),
                    eventID: "enrolled:\(enrolmentId)")
                return Receipt(enrolmentId: enrolmentId, traineeId: traineeId, sessionId: sessionId, status: status, position: nil, prioritized: prioritized)
            case .waitlisted(let position):
                try outbox.append(
                    TrainingEvent.TraineeWaitlisted(
                        enrolmentId: enrolmentId, traineeId: traineeId, placement: session.placement, prioritized: prioritized, position: position),
                    eventID: "waitlisted:\(enrolmentId)")
                return Receipt(enrolmentId: enrolmentId, traineeId: traineeId, sessionId: sessionId, status: status, position: position, prioritized: prioritized)
            }
        }
    }

    /// The trainee leaves the session; a seat given up goes to the first in line.
    func withdraw(enrolmentId: String) async throws -> Change {
        try await context.transaction { connection, outbox in
            let found = try await connection.run("SELECT session_id, status FROM enrolments WHERE enrolment_id = \(enrolmentId)").collect()
            guard let (sessionId, _) = try found.first?.decode((String, String).self) else {
                throw APIError.notFound("id", "no enrolment '\(enrolmentId)'")
            }
            guard var session = try await Self.lock(sessionId, on: connection) else {
                throw APIError.notFound("sessionId", "no session '\(sessionId)'")
            }
            // Read again under the session lock: a concurrent withdrawal may have got there first.
            let status = try await connection.run("SELECT status FROM enrolments WHERE enrolment_id = \(enrolmentId)").collect().first?.decode(String.self) ?? ""
            guard status == "enrolled" || status == "waitlisted" else {
                throw APIError.conflict("id", "enrolment \(enrolmentId) is \(status); only an enrolled or waitlisted trainee can withdraw")
            }
            guard !session.examined else {
                throw APIError.conflict("id", "session \(sessionId) has exam results; it is over and nobody can withdraw")
            }
            let heldSeat = status == "enrolled"
            let promoted = try session.roster.withdraw(enrolmentId)
            try await connection.run("UPDATE enrolments SET status = 'withdrawn', updated_at = now() WHERE enrolment_id = \(enrolmentId)")
            try outbox.append(
                TrainingEvent.EnrolmentWithdrawn(
                    enrolmentId: enrolmentId, traineeId: session.trainees[enrolmentId] ?? "", placement: session.placement, heldSeat: heldSeat),
                eventID: "withdrawn:\(enrolmentId)")
            try await Self.seat(promoted, session: session, on: connection, outbox: &outbox)
            return Change(sessionId: sessionId, capacity: session.roster.capacity, promoted: promoted.map(\.enrolmentId))
        }
    }

    /// More seats go to the first in line at once; fewer than the trainees enrolled are refused.
    func resize(sessionId: String, capacity: Int) async throws -> Change {
        try await context.transaction { connection, outbox in
            guard var session = try await Self.lock(sessionId, on: connection) else {
                throw APIError.notFound("id", "no session '\(sessionId)'")
            }
            guard !session.examined else {
                throw APIError.conflict("id", "session \(sessionId) has exam results; its seats can no longer change")
            }
            let promoted: [SessionRoster.Waiting]
            do {
                promoted = try session.roster.resize(to: capacity)
            } catch let error as SessionRoster.RosterError {
                throw APIError(.unprocessableContent, field: "capacity", rule: error.description)
            }
            try await connection.run("UPDATE sessions SET capacity = \(capacity) WHERE session_id = \(sessionId)")
            try await Self.seat(promoted, session: session, on: connection, outbox: &outbox)
            return Change(sessionId: sessionId, capacity: capacity, promoted: promoted.map(\.enrolmentId))
        }
    }

    private static func seat(_ promoted: [SessionRoster.Waiting], session: LockedSession, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        guard !promoted.isEmpty else { return }
        try await connection.run("""
            UPDATE enrolments SET status = 'enrolled', updated_at = now() WHERE enrolment_id = ANY(\(promoted.map(\.enrolmentId)))
            """)
        for waiting in promoted {
            try outbox.append(
                TrainingEvent.TraineeEnrolled(
                    enrolmentId: waiting.enrolmentId, traineeId: session.trainees[waiting.enrolmentId] ?? "", placement: session.placement,
                    prioritized: waiting.prioritized, fromWaitlist: true),
                eventID: "enrolled:\(waiting.enrolmentId)")
        }
    }

    /// Locks the session row and loads its roster; priority is read as it is now, so a household
    /// identified after the request still moves its member up the line.
    private static func lock(_ sessionId: String, on connection: PostgresConnection) async throws -> LockedSession? {
        let header = try await connection.run("""
            SELECT s.capacity, s.examined, s.course_id, c.centre_id FROM sessions s JOIN courses c USING (course_id)
            WHERE s.session_id = \(sessionId) FOR UPDATE OF s
            """).collect()
        guard let (capacity, examined, courseId, centreId) = try header.first?.decode((Int, Bool, String, String).self) else { return nil }
        var enrolled = Set<String>()
        var waiting: [SessionRoster.Waiting] = []
        var trainees: [String: String] = [:]
        let rows = try await connection.run("""
            SELECT e.enrolment_id, e.trainee_id, e.status, e.request_sequence,
                   t.household_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM identified_students i WHERE i.household_id = t.household_id AND i.active)
            FROM enrolments e JOIN trainees t USING (trainee_id)
            WHERE e.session_id = \(sessionId) AND e.status IN ('enrolled', 'waitlisted')
            """)
        for try await (enrolmentId, traineeId, status, sequence, prioritized) in rows.decode((String, String, String, Int64, Bool).self) {
            trainees[enrolmentId] = traineeId
            if status == "enrolled" {
                enrolled.insert(enrolmentId)
            } else {
                waiting.append(.init(enrolmentId: enrolmentId, prioritized: prioritized, sequence: sequence))
            }
        }
        return LockedSession(
            placement: TrainingEvent.Placement(sessionId: sessionId, courseId: courseId, centreId: centreId),
            examined: examined, roster: SessionRoster(capacity: capacity, enrolled: enrolled, waiting: waiting), trainees: trainees)
    }
}
