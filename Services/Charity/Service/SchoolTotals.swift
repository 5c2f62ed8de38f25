import AidContracts
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// Per school: its latest condition score and what it was allocated, delivered and accepted, in fen.
struct SchoolTotals: ResponseCodable, Sendable {
    var schoolId: String
    var townCode: String
    var isWeakTeachingPoint: Bool
    var status: String
    var conditionScore: Int?
    var latestAssessmentId: String?
    var allocatedFen: Fen
    var deliveredFen: Fen
    var acceptedFen: Fen

    struct Filter: Sendable {
        var schoolId: String?
        var townCode: String?
    }

    /// Schools with an assessment or an allocation, worst condition first.
    static func load(_ filter: Filter, on connection: PostgresConnection) async throws -> [SchoolTotals] {
        let rows = try await connection.run("""
            SELECT s.school_id, s.town_code, s.is_weak_teaching_point, s.status, latest.condition_score, latest.assessment_id,
                   coalesce(sum(a.value_fen) FILTER (WHERE a.status <> 'cancelled'), 0)::bigint,
                   coalesce(sum(a.value_fen) FILTER (WHERE a.status IN ('delivered', 'accepted')), 0)::bigint,
                   coalesce(sum(a.value_fen) FILTER (WHERE a.status = 'accepted'), 0)::bigint
            FROM schools s
                 LEFT JOIN LATERAL (SELECT assessment_id, condition_score FROM assessments
                                    WHERE school_id = s.school_id ORDER BY assessed_on DESC, recorded_at DESC LIMIT 1) latest ON true
                 LEFT JOIN allocations a ON a.school_id = s.school_id
            WHERE (\(filter.schoolId)::text IS NULL OR s.school_id = \(filter.schoolId))
              AND (\(filter.townCode)::text IS NULL OR s.town_code = \(filter.townCode))
            GROUP BY s.school_id, latest.condition_score, latest.assessment_id
            HAVING latest.assessment_id IS NOT NULL OR count(a.allocation_id) > 0 OR \(filter.schoolId)::text IS NOT NULL
            ORDER BY latest.condition_score NULLS LAST, s.school_id
            """)
        var result: [SchoolTotals] = []
        for try await (id, town, weak, status, score, assessment, allocated, delivered, accepted)
            in rows.decode((String, String, Bool, String, Int?, String?, Int64, Int64, Int64).self) {
            result.append(SchoolTotals(
                schoolId: id, townCode: town, isWeakTeachingPoint: weak, status: status, conditionScore: score,
                latestAssessmentId: assessment, allocatedFen: allocated, deliveredFen: delivered, acceptedFen: accepted))
        }
        return result
    }
}
