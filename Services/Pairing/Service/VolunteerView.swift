import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A volunteer and the children in their care now; the name only for those who arrange care.
struct VolunteerView: ResponseCodable, Sendable {
    var volunteerId: String
    var name: String?
    var townCode: String
    var schoolId: String?
    var capacity: Int
    var active: Bool
    var pairs: [CarePairView]

    static func load(_ volunteerId: String, revealNames: Bool, on connection: PostgresConnection) async throws -> VolunteerView? {
        let rows = try await connection.run("""
            SELECT name, town_code, school_id, capacity, active FROM volunteers WHERE volunteer_id = \(volunteerId)
            """).collect()
        guard let (name, town, school, capacity, active) = try rows.first?.decode((String, String, String?, Int, Bool).self) else { return nil }
        let pairs = try await CarePairView.load(CarePairView.Filter(volunteerId: volunteerId, active: true), revealNames: revealNames, on: connection)
        return VolunteerView(
            volunteerId: volunteerId, name: revealNames ? name : nil, townCode: town, schoolId: school, capacity: capacity, active: active, pairs: pairs)
    }
}
