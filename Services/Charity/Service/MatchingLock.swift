import PostgresNIO
import ServiceRuntime

/// One lock for everything that hands out or takes back units (matching runs, re-assessments,
/// closures), so a run never allocates to a need that a closure is cancelling at the same moment
/// and two runs never share out the same remaining units. Released when the transaction ends.
enum MatchingLock {
    static func acquire(on connection: PostgresConnection) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('charity.matching'))")
    }
}
