import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A need with what has been allocated to it and delivered for it so far.
struct NeedView: ResponseCodable, Sendable {
    static let statuses = ["open", "superseded", "moved", "cancelled"]

    var needId: String
    var assessmentId: String
    var schoolId: String
    var itemCode: String
    var quantity: Int
    var conditionScore: Int
    var status: String
    var movedFromNeedId: String?
    /// Units held by allocations that are not cancelled.
    var allocated: Int
    /// Units delivered or accepted.
    var delivered: Int
    /// What an open need still lacks; zero for the others, which take no more units.
    var outstanding: Int

    struct Filter: Sendable {
        var schoolId: String?
        var assessmentId: String?
        var status: String?
    }

    static func load(_ filter: Filter, on connection: PostgresConnection) async throws -> [NeedView] {
        let rows = try await connection.run("""
            SELECT n.need_id, n.assessment_id, n.school_id, n.item_code, n.quantity, n.condition_score, n.status, n.moved_from_need_id,
                   coalesce(sum(a.quantity) FILTER (WHERE a.status <> 'cancelled'), 0)::int,
                   coalesce(sum(a.quantity) FILTER (WHERE a.status IN ('delivered', 'accepted')), 0)::int
            FROM needs n LEFT JOIN allocations a ON a.need_id = n.need_id
            WHERE (\(filter.schoolId)::text IS NULL OR n.school_id = \(filter.schoolId))
              AND (\(filter.assessmentId)::text IS NULL OR n.assessment_id = \(filter.assessmentId))
              AND (\(filter.status)::text IS NULL OR n.status = \(filter.status))
            GROUP BY n.need_id ORDER BY n.need_id
            """)
        var needs: [NeedView] = []
        for try await (id, assessment, school, item, quantity, score, status, movedFrom, allocated, delivered)
            in rows.decode((String, String, String, String, Int, Int, String, String?, Int, Int).self) {
            needs.append(NeedView(
                needId: id, assessmentId: assessment, schoolId: school, itemCode: item, quantity: quantity, conditionScore: score,
                status: status, movedFromNeedId: movedFrom, allocated: allocated, delivered: delivered,
                outstanding: status == "open" ? max(quantity - allocated, 0) : 0))
        }
        return needs
    }
}
