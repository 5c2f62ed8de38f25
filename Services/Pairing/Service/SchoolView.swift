import Hummingbird
import PostgresNIO
import ServiceRuntime

/// What pairing knows of a school: the roster's facts and what the bureau registered here.
struct SchoolView: ResponseCodable, Sendable {
    var schoolId: String
    var townCode: String
    var stages: [String]
    var isRural: Bool
    var servesKeyPovertyVillage: Bool
    var isWeakTeachingPoint: Bool
    var status: String
    var latitude: Double?
    var longitude: Double?
    /// How many weak schools it may support; 0 for a school not designated strong.
    var supportCapacity: Int
    var activeTwinnings: Int

    static func load(_ schoolId: String, on connection: PostgresConnection, lock: Bool = false) async throws -> SchoolView? {
        if lock { try await connection.run("SELECT 1 FROM schools WHERE school_id = \(schoolId) FOR UPDATE") }
        let rows = try await connection.run("""
            SELECT s.town_code, s.stages, s.is_rural, s.serves_key_poverty_village, s.is_weak_teaching_point, s.status,
                   s.latitude_micro, s.longitude_micro, s.support_capacity,
                   (SELECT count(*)::int FROM twinning_pairs p WHERE p.ended_at IS NULL AND (p.weak_school_id = s.school_id OR p.strong_school_id = s.school_id))
            FROM schools s WHERE s.school_id = \(schoolId)
            """).collect()
        guard let (town, stages, rural, keyPoverty, weak, status, latitude, longitude, capacity, twinnings)
            = try rows.first?.decode((String, [String], Bool, Bool, Bool, String, Int?, Int?, Int, Int).self) else { return nil }
        return SchoolView(
            schoolId: schoolId, townCode: town, stages: stages, isRural: rural, servesKeyPovertyVillage: keyPoverty, isWeakTeachingPoint: weak,
            status: status, latitude: latitude.map { Double($0) / 1_000_000 }, longitude: longitude.map { Double($0) / 1_000_000 },
            supportCapacity: capacity, activeTwinnings: twinnings)
    }

    /// Weak schools are supported by twinning; they are not designated to support others.
    var isWeak: Bool { servesKeyPovertyVillage || isWeakTeachingPoint }
}
