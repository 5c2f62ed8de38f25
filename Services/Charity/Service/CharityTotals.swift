import AidContracts
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// The programme's figures in fen: what donors gave, what runs allocated, what reached schools.
struct CharityTotals: ResponseCodable, Sendable {
    /// Everything pledged: goods at their unit value, money in full (including what is left under one unit's price).
    var pledgedFen: Fen
    /// Allocations that are not cancelled.
    var allocatedFen: Fen
    /// Delivered, whether accepted yet or not.
    var deliveredFen: Fen
    /// Accepted by the school (confirmed deliveries).
    var acceptedFen: Fen
    var pledges: Int
    var schoolsAssessed: Int
    /// Schools holding at least one allocation that is not cancelled.
    var schoolsCovered: Int
    /// Schools that accepted at least one delivery.
    var schoolsDelivered: Int
    /// Units open needs still lack.
    var openNeedUnits: Int

    static func load(on connection: PostgresConnection) async throws -> CharityTotals {
        let rows = try await connection.run("""
            SELECT
              (SELECT coalesce(sum(pledged_fen), 0)::bigint FROM pledge_lines),
              coalesce(sum(value_fen) FILTER (WHERE status <> 'cancelled'), 0)::bigint,
              coalesce(sum(value_fen) FILTER (WHERE status IN ('delivered', 'accepted')), 0)::bigint,
              coalesce(sum(value_fen) FILTER (WHERE status = 'accepted'), 0)::bigint,
              (SELECT count(*)::int FROM pledges),
              (SELECT count(DISTINCT school_id)::int FROM assessments),
              (count(DISTINCT school_id) FILTER (WHERE status <> 'cancelled'))::int,
              (count(DISTINCT school_id) FILTER (WHERE status = 'accepted'))::int
            FROM allocations
            """).collect()
        let (pledged, allocated, delivered, accepted, pledges, assessed, covered, reached) = try rows[0].decode(
            (Int64, Int64, Int64, Int64, Int, Int, Int, Int).self)
        let open = try await NeedView.load(NeedView.Filter(status: "open"), on: connection).reduce(0) { $0 + $1.outstanding }
        return CharityTotals(
            pledgedFen: pledged, allocatedFen: allocated, deliveredFen: delivered, acceptedFen: accepted, pledges: pledges,
            schoolsAssessed: assessed, schoolsCovered: covered, schoolsDelivered: reached, openNeedUnits: open)
    }
}
