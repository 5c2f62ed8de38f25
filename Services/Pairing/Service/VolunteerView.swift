import Foundation
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

    static func load(_ volunteerId: String, revealNames: Bool, vault: PersonalDataVault, on connection: PostgresConnection) async throws -> VolunteerView? {
        let rows = try await connection.run("""
            SELECT name_sealed, town_code, school_id, capacity, active FROM volunteers WHERE volunteer_id = \(volunteerId)
            """).collect()
        guard let (sealedName, town, school, capacity, active) = try rows.first?.decode((Data, String, String?, Int, Bool).self) else { return nil }
        let pairs = try await CarePairView.load(CarePairView.Filter(volunteerId: volunteerId, active: true), revealNames: revealNames, vault: vault, on: connection)
        return VolunteerView(
            volunteerId: volunteerId, name: revealNames ? try vault.open(sealedName) : nil, townCode: town, schoolId: school, capacity: capacity, active: active, pairs: pairs)
    }
}
