import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A one-to-one care pair; the volunteer's name only for those who arrange care.
struct CarePairView: ResponseCodable, Sendable {
    var pairId: String
    var studentId: String
    var volunteerId: String
    var volunteerName: String?
    var schoolId: String
    var townCode: String
    var match: String
    var formedAt: Date
    var endedAt: Date?
    var endReason: String?

    struct Filter: Sendable {
        var studentId: String?
        var volunteerId: String?
        var active: Bool?
    }

    static func load(_ filter: Filter, revealNames: Bool, vault: PersonalDataVault, on connection: PostgresConnection) async throws -> [CarePairView] {
        let rows = try await connection.run("""
            SELECT p.pair_id, p.student_id, p.volunteer_id, v.name_sealed, p.school_id, p.town_code, p.match, p.formed_at, p.ended_at, p.end_reason
            FROM care_pairs p JOIN volunteers v ON v.volunteer_id = p.volunteer_id
            WHERE (\(filter.studentId)::text IS NULL OR p.student_id = \(filter.studentId))
              AND (\(filter.volunteerId)::text IS NULL OR p.volunteer_id = \(filter.volunteerId))
              AND (\(filter.active)::boolean IS NULL OR (p.ended_at IS NULL) = \(filter.active))
            ORDER BY p.pair_id
            """)
        var pairs: [CarePairView] = []
        for try await row in rows.decode((String, String, String, Data, String, String, String, Date, Date?, String?).self) {
            pairs.append(CarePairView(
                pairId: row.0, studentId: row.1, volunteerId: row.2, volunteerName: revealNames ? try vault.open(row.3) : nil, schoolId: row.4,
                townCode: row.5, match: row.6, formedAt: row.7, endedAt: row.8, endReason: row.9))
        }
        return pairs
    }
}
