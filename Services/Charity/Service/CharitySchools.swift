import AidContracts
import PostgresNIO
import ServiceRuntime

/// Charity's copy of the roster's schools, used inside the caller's transaction.
struct CharitySchools: Sendable {
    let connection: PostgresConnection

    struct School: Sendable {
        var schoolId: String
        var townCode: String
        var isRural: Bool
        var isWeakTeachingPoint: Bool
        var isOpen: Bool
    }

    /// A re-registration updates what the roster says; it never reopens a closed school.
    func register(_ event: RosterEvent.SchoolRegistered) async throws {
        try await connection.run("""
            INSERT INTO schools (school_id, town_code, district_code, is_rural, is_weak_teaching_point, serves_key_poverty_village)
            VALUES (\(event.schoolId), \(event.townCode), \(event.districtCode), \(event.isRural), \(event.isWeakTeachingPoint), \(event.servesKeyPovertyVillage))
            ON CONFLICT (school_id) DO UPDATE SET town_code = EXCLUDED.town_code, district_code = EXCLUDED.district_code,
                is_rural = EXCLUDED.is_rural, is_weak_teaching_point = EXCLUDED.is_weak_teaching_point,
                serves_key_poverty_village = EXCLUDED.serves_key_poverty_village, updated_at = now()
            """)
    }

    /// The school, its row locked until the transaction ends when `lock` is set.
    func school(_ schoolId: String, lock: Bool = false) async throws -> School? {
        let rows = try await connection.run(lock ? """
            SELECT school_id, town_code, is_rural, is_weak_teaching_point, status = 'open' FROM schools WHERE school_id = \(schoolId) FOR UPDATE
            """ : """
            SELECT school_id, town_code, is_rural, is_weak_teaching_point, status = 'open' FROM schools WHERE school_id = \(schoolId)
            """).collect()
        guard let (id, town, rural, weak, open) = try rows.first?.decode((String, String, Bool, Bool, Bool).self) else { return nil }
        return School(schoolId: id, townCode: town, isRural: rural, isWeakTeachingPoint: weak, isOpen: open)
    }
}
