import Foundation
import Hummingbird
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Left-behind children still waiting for a volunteer, longest first, with those past the allowed
/// wait marked: the list the bureau works through so no child is forgotten.
struct UnpairedChildren: ResponseCodable, Sendable {
    struct Child: Codable, Sendable {
        var studentId: String
        var schoolId: String
        var townCode: String
        var waitingSince: Date
        var hoursWaited: Int
        var overdue: Bool
        /// Active volunteers of the township and their free places, to show why no match was made.
        var volunteersInTown: Int
        var freePlacesInTown: Int
    }

    var maximumWaitSeconds: Int64
    var children: [Child]

    static func load(townCode: String?, overdueOnly: Bool, policy: WaitingPolicy, on connection: PostgresConnection) async throws -> UnpairedChildren {
        let now = Date()
        let rows = try await connection.run("""
            SELECT c.student_id, c.school_id, c.town_code, c.waiting_since,
                   (SELECT count(*)::int FROM volunteers v WHERE v.active AND v.town_code = c.town_code),
                   (SELECT coalesce(sum(v.capacity - (SELECT count(*) FROM care_pairs p WHERE p.volunteer_id = v.volunteer_id AND p.ended_at IS NULL)), 0)::int
                    FROM volunteers v WHERE v.active AND v.town_code = c.town_code)
            FROM children c
            WHERE c.waiting_since IS NOT NULL AND (\(townCode)::text IS NULL OR c.town_code = \(townCode))
            ORDER BY c.waiting_since, c.student_id
            """)
        var children: [Child] = []
        for try await (id, school, town, since, volunteers, places) in rows.decode((String, String, String, Date, Int, Int).self) {
            let overdue = policy.isOverdue(waitingSince: since, now: now)
            guard overdue || !overdueOnly else { continue }
            children.append(Child(
                studentId: id, schoolId: school, townCode: town, waitingSince: since, hoursWaited: policy.hoursWaited(since: since, now: now),
                overdue: overdue, volunteersInTown: volunteers, freePlacesInTown: places))
        }
        return UnpairedChildren(maximumWaitSeconds: policy.maximumWait.components.seconds, children: children)
    }
}
