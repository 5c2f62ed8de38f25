import Hummingbird
import PostgresNIO
import ServiceRuntime

/// One logged activity of a twinning pair.
struct ActivityView: ResponseCodable, Sendable {
    var activityId: Int64
    var pairId: String
    var kind: String
    var heldOn: String
    var participants: Int
    var summary: String
    var recordedBy: String

    static func load(pairId: String, activityId: Int64? = nil, on connection: PostgresConnection) async throws -> [ActivityView] {
        let rows = try await connection.run("""
            SELECT activity_id, kind, held_on::text, participants, summary, recorded_by FROM twinning_activities
            WHERE pair_id = \(pairId) AND (\(activityId)::bigint IS NULL OR activity_id = \(activityId))
            ORDER BY held_on, activity_id
            """)
        var activities: [ActivityView] = []
        for try await (id, kind, heldOn, participants, summary, recordedBy) in rows.decode((Int64, String, String, Int, String, String).self) {
            activities.append(ActivityView(
                activityId: id, pairId: pairId, kind: kind, heldOn: heldOn, participants: participants, summary: summary, recordedBy: recordedBy))
        }
        return activities
    }
}
