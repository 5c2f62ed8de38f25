import AidContracts
import PostgresNIO
import ServiceRuntime

/// Pairing's copy of the roster's schools, used inside the caller's transaction.
struct PairingSchools: Sendable {
    let connection: PostgresConnection

    /// A re-registration updates what the roster says; coordinates and support capacity, which the
    /// bureau registers here, stay; a closed school is not reopened.
    func register(_ event: RosterEvent.SchoolRegistered) async throws {
        try await connection.run("""
            INSERT INTO schools (school_id, town_code, district_code, stages, is_rural, serves_key_poverty_village, is_weak_teaching_point)
            VALUES (\(event.schoolId), \(event.townCode), \(event.districtCode), \(event.stages.map(\.rawValue)), \(event.isRural),
                    \(event.servesKeyPovertyVillage), \(event.isWeakTeachingPoint))
            ON CONFLICT (school_id) DO UPDATE SET town_code = EXCLUDED.town_code, district_code = EXCLUDED.district_code,
                stages = EXCLUDED.stages, is_rural = EXCLUDED.is_rural, serves_key_poverty_village = EXCLUDED.serves_key_poverty_village,
                is_weak_teaching_point = EXCLUDED.is_weak_teaching_point, updated_at = now()
            """)
        try await connection.run("""
            UPDATE children SET town_code = \(event.townCode), updated_at = now() WHERE school_id = \(event.schoolId) AND town_code = ''
            """)
    }

    /// A closed school's twinnings end and it supports no one any more; its care rooms close. Its
    /// pupils' care follows the transfers the roster publishes for them.
    func close(_ event: RosterEvent.SchoolClosed, outbox: inout OutboxBatch) async throws {
        try await PairingLocks.twinning(on: connection)
        try await connection.run("""
            UPDATE schools SET status = 'closed', support_capacity = 0, updated_at = now() WHERE school_id = \(event.schoolId)
            """)
        try await connection.run("UPDATE care_rooms SET status = 'closed' WHERE school_id = \(event.schoolId)")
        let ended = try await connection.run("""
            UPDATE twinning_pairs SET ended_at = now(), end_reason = \(PairingEvent.TwinningEndReason.schoolClosed.rawValue)
            WHERE ended_at IS NULL AND (weak_school_id = \(event.schoolId) OR strong_school_id = \(event.schoolId))
            RETURNING pair_id, weak_school_id, strong_school_id
            """)
        for try await (pairId, weak, strong) in ended.decode((String, String, String).self) {
            try outbox.append(
                PairingEvent.TwinningEnded(pairId: pairId, weakSchoolId: weak, strongSchoolId: strong, reason: .schoolClosed),
                eventID: "twinning-ended:\(pairId)")
        }
    }
}
