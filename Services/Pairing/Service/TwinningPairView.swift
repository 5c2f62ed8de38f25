import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A twinning pair with its reasons and, once ended, why.
struct TwinningPairView: ResponseCodable, Sendable {
    var pairId: String
    var weakSchoolId: String
    var strongSchoolId: String
    var kind: String
    var stages: [String]
    var distanceMetres: Int
    var keyPovertyVillage: Bool
    var explanation: String
    var formedAt: Date
    var endedAt: Date?
    var endReason: String?
    var activities: Int

    struct Filter: Sendable {
        var pairId: String?
        var schoolId: String?
        var active: Bool?
    }

    static func load(_ filter: Filter, on connection: PostgresConnection) async throws -> [TwinningPairView] {
        let rows = try await connection.run("""
            SELECT p.pair_id, p.weak_school_id, p.strong_school_id, p.kind, p.stages, p.distance_metres, p.key_poverty_village, p.explanation,
                   p.formed_at, p.ended_at, p.end_reason, (SELECT count(*)::int FROM twinning_activities a WHERE a.pair_id = p.pair_id)
            FROM twinning_pairs p
            WHERE (\(filter.pairId)::text IS NULL OR p.pair_id = \(filter.pairId))
              AND (\(filter.schoolId)::text IS NULL OR p.weak_school_id = \(filter.schoolId) OR p.strong_school_id = \(filter.schoolId))
              AND (\(filter.active)::boolean IS NULL OR (p.ended_at IS NULL) = \(filter.active))
            ORDER BY p.pair_id
            """)
        var pairs: [TwinningPairView] = []
        for try await row in rows.decode((String, String, String, String, [String], Int, Bool, String, Date, Date?, String?, Int).self) {
            pairs.append(TwinningPairView(
                pairId: row.0, weakSchoolId: row.1, strongSchoolId: row.2, kind: row.3, stages: row.4, distanceMetres: row.5,
                keyPovertyVillage: row.6, explanation: row.7, formedAt: row.8, endedAt: row.9, endReason: row.10, activities: row.11))
        }
        return pairs
    }
}
