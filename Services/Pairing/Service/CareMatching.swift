import AidContracts
import Foundation
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Care pairs in SQL, used inside the caller's transaction under the care lock. A child waits
/// (`waiting_since` set) exactly while enrolled, left behind and without an active pair.
struct CareMatching: Sendable {
    let connection: PostgresConnection

    /// Matches every waiting child of these townships with volunteers of them, as `CareMatcher` decides.
    func matchWaiting(inTowns towns: Set<String>, outbox: inout OutboxBatch) async throws {
        let towns = Array(towns.filter { !$0.isEmpty })
        if towns.isEmpty { return }
        var children: [WaitingChild] = []
        for try await (id, school, town, since) in try await connection.run("""
            SELECT student_id, school_id, town_code, waiting_since FROM children
            WHERE waiting_since IS NOT NULL AND town_code = ANY(\(towns))
            """).decode((String, String, String, Date).self) {
            children.append(WaitingChild(studentId: id, schoolId: school, townCode: town, waitingSince: since))
        }
        if children.isEmpty { return }
        var volunteers: [VolunteerSlot] = []
        for try await (id, town, school, capacity, active) in try await connection.run("""
            SELECT v.volunteer_id, v.town_code, v.school_id, v.capacity, count(p.pair_id)::int
            FROM volunteers v LEFT JOIN care_pairs p ON p.volunteer_id = v.volunteer_id AND p.ended_at IS NULL
            WHERE v.active AND v.town_code = ANY(\(towns))
            GROUP BY v.volunteer_id
            """).decode((String, String, String?, Int, Int).self) {
            volunteers.append(VolunteerSlot(volunteerId: id, townCode: town, schoolId: school, capacity: capacity, activePairs: active))
        }
        let schools = Dictionary(children.map { ($0.studentId, ($0.schoolId, $0.townCode)) }, uniquingKeysWith: { first, _ in first })
        for assignment in CareMatcher.match(children: children, volunteers: volunteers) {
            guard let (school, town) = schools[assignment.studentId] else { continue }
            let sequence = try await connection.run("SELECT nextval('care_pair_order')").collect().first?.decode(Int64.self) ?? 0
            let pairId = "CP-\(String(format: "%06d", sequence))"
            try await connection.run("""
                INSERT INTO care_pairs (pair_id, student_id, volunteer_id, school_id, town_code, match)
                VALUES (\(pairId), \(assignment.studentId), \(assignment.volunteerId), \(school), \(town), \(assignment.match.rawValue))
                """)
            try await connection.run("UPDATE children SET waiting_since = NULL, updated_at = now() WHERE student_id = \(assignment.studentId)")
            try outbox.append(
                PairingEvent.CarePairFormed(
                    pairId: pairId, studentId: assignment.studentId, volunteerId: assignment.volunteerId, schoolId: school, townCode: town,
                    match: assignment.match),
                eventID: "care-pair-formed:\(pairId)")
        }
    }

    /// Ends the child's active pair, if any, and returns the volunteer's township (where a place is now free).
    @discardableResult
    func endActivePair(studentId: String, reason: PairingEvent.CareEndReason, outbox: inout OutboxBatch) async throws -> String? {
        let rows = try await connection.run("""
            UPDATE care_pairs p SET ended_at = now(), end_reason = \(reason.rawValue)
            FROM volunteers v
            WHERE p.student_id = \(studentId) AND p.ended_at IS NULL AND v.volunteer_id = p.volunteer_id
            RETURNING p.pair_id, p.volunteer_id, v.town_code
            """).collect()
        guard let (pairId, volunteerId, town) = try rows.first?.decode((String, String, String).self) else { return nil }
        try outbox.append(
            PairingEvent.CarePairEnded(pairId: pairId, studentId: studentId, volunteerId: volunteerId, reason: reason),
            eventID: "care-pair-ended:\(pairId)")
        try await refreshWaiting(studentIds: [studentId])
        return town
    }

    /// Starts or stops the children's wait according to their state; a wait already running keeps its start.
    func refreshWaiting(studentIds: [String]) async throws {
        try await connection.run("""
            UPDATE children c SET waiting_since = CASE
                    WHEN c.enrolled AND c.left_behind
                         AND NOT EXISTS (SELECT 1 FROM care_pairs p WHERE p.student_id = c.student_id AND p.ended_at IS NULL)
                    THEN coalesce(c.waiting_since, now())
                    ELSE NULL END,
                updated_at = now()
            WHERE c.student_id = ANY(\(studentIds))
            """)
    }
}
