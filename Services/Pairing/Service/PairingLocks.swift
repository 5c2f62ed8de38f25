import PostgresNIO
import ServiceRuntime

/// Transaction-scoped advisory locks, one per kind of pairing, so capacity is counted and used by
/// one transaction at a time: two runs (or a run and a closure) never hand out the same strong
/// school's last place, two roster events never give a volunteer one child too many.
enum PairingLocks {
    static func twinning(on connection: PostgresConnection) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('pairing.twinning'))")
    }

    static func care(on connection: PostgresConnection) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('pairing.care'))")
    }
}
