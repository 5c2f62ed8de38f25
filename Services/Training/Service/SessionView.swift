import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A session with who holds a seat and who waits, in line order (priority first, then time).
struct SessionView: ResponseCodable {
    struct Seat: Codable, Sendable {
        var enrolmentId: String
        var traineeId: String
        var prioritized: Bool
    }

    struct Place: Codable, Sendable {
        var position: Int
        var enrolmentId: String
        var traineeId: String
        var prioritized: Bool
    }

    var sessionId: String
    var courseId: String
    var centreId: String
    var startsOn: String
    var endsOn: String
    var capacity: Int
    var examined: Bool
    var enrolled: [Seat]
    var waitlist: [Place]
    var completed: Int

    static func load(_ sessionId: String, database: Database) async throws -> SessionView? {
        let header = try await database.query("""
            SELECT s.course_id, c.centre_id, s.starts_on::text, s.ends_on::text, s.capacity, s.examined,
                   (SELECT count(*)::int FROM enrolments e WHERE e.session_id = s.session_id AND e.status = 'completed')
            FROM sessions s JOIN courses c USING (course_id) WHERE s.session_id = \(sessionId)
            """).collect()
        guard let (courseId, centreId, startsOn, endsOn, capacity, examined, completed)
                = try header.first?.decode((String, String, String, String, Int, Bool, Int).self) else { return nil }
        var view = SessionView(
            sessionId: sessionId, courseId: courseId, centreId: centreId, startsOn: startsOn, endsOn: endsOn, capacity: capacity,
            examined: examined, enrolled: [], waitlist: [], completed: completed)
        let rows = try await database.query("""
            SELECT e.enrolment_id, e.trainee_id, e.status,
                   t.household_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM identified_students i WHERE i.household_id = t.household_id AND i.active) AS prioritized
            FROM enrolments e JOIN trainees t USING (trainee_id)
            WHERE e.session_id = \(sessionId) AND e.status IN ('enrolled', 'waitlisted')
            ORDER BY e.status, prioritized DESC, e.request_sequence
            """)
        for try await (enrolmentId, traineeId, status, prioritized) in rows.decode((String, String, String, Bool).self) {
            if status == "enrolled" {
                view.enrolled.append(Seat(enrolmentId: enrolmentId, traineeId: traineeId, prioritized: prioritized))
            } else {
                view.waitlist.append(Place(position: view.waitlist.count + 1, enrolmentId: enrolmentId, traineeId: traineeId, prioritized: prioritized))
            }
        }
        return view
    }
}
