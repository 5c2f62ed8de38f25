import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// One trainee with their enrolments, results and certificates. The name is shown only to those who
/// run the training (centre staff and bureau officers); everyone else sees the opaque id alone.
struct TraineeView: ResponseCodable {
    struct Enrolment: Codable, Sendable {
        var enrolmentId: String
        var sessionId: String
        var courseId: String
        var status: String
        var outcome: String?
        var score: Int?
        var certificateId: String?
    }

    var traineeId: String
    var name: String?
    var townCode: String
    var householdId: String?
    var prioritized: Bool
    var enrolments: [Enrolment]

    static func load(_ traineeId: String, revealName: Bool, database: Database, vault: PersonalDataVault) async throws -> TraineeView? {
        let header = try await database.query("""
            SELECT t.full_name_sealed, t.town_code, t.household_id,
                   t.household_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM identified_students i WHERE i.household_id = t.household_id AND i.active)
            FROM trainees t WHERE t.trainee_id = \(traineeId)
            """).collect()
        guard let (sealedName, townCode, householdId, prioritized) = try header.first?.decode((Data, String, String?, Bool).self) else { return nil }
        var enrolments: [Enrolment] = []
        let rows = try await database.query("""
            SELECT e.enrolment_id, e.session_id, s.course_id, e.status, r.passed, r.score, c.certificate_id
            FROM enrolments e JOIN sessions s USING (session_id)
            LEFT JOIN exam_results r USING (enrolment_id) LEFT JOIN certificates c USING (enrolment_id)
            WHERE e.trainee_id = \(traineeId) ORDER BY e.request_sequence
            """)
        for try await (enrolmentId, sessionId, courseId, status, passed, score, certificateId)
            in rows.decode((String, String, String, String, Bool?, Int?, String?).self) {
            enrolments.append(Enrolment(
                enrolmentId: enrolmentId, sessionId: sessionId, courseId: courseId, status: status,
                outcome: passed.map { $0 ? "passed" : "failed" }, score: score, certificateId: certificateId))
        }
        return TraineeView(
            traineeId: traineeId, name: revealName ? try vault.open(sealedName) : nil, townCode: townCode, householdId: householdId,
            prioritized: prioritized, enrolments: enrolments)
    }
}
