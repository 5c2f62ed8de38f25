import AidContracts
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A pledge with, per line, what it gave and how much of it is allocated.
struct PledgeView: ResponseCodable, Sendable {
    struct Line: Codable, Sendable {
        var lineNo: Int
        var itemCode: String
        var form: String
        var units: Int
        var unitValueFen: Fen
        var pledgedFen: Fen
        /// Units held by allocations that are not cancelled.
        var allocatedUnits: Int
        var remainingUnits: Int
    }

    var pledgeId: String
    var donorId: String
    var donorName: String
    var pledgedOn: String
    var pledgedFen: Fen
    var allocatedFen: Fen
    var lines: [Line]

    static func load(_ pledgeId: String, on connection: PostgresConnection) async throws -> PledgeView? {
        let header = try await connection.run("""
            SELECT donor_id, donor_name, pledged_on::text FROM pledges WHERE pledge_id = \(pledgeId)
            """).collect()
        guard let (donorId, donorName, pledgedOn) = try header.first?.decode((String, String, String).self) else { return nil }
        let rows = try await connection.run("""
            SELECT l.line_no, l.item_code, l.form, l.units, l.unit_value_fen, l.pledged_fen,
                   coalesce(sum(a.quantity) FILTER (WHERE a.status <> 'cancelled'), 0)::int
            FROM pledge_lines l LEFT JOIN allocations a ON a.pledge_id = l.pledge_id AND a.line_no = l.line_no
            WHERE l.pledge_id = \(pledgeId)
            GROUP BY l.pledge_id, l.line_no ORDER BY l.line_no
            """)
        var lines: [Line] = []
        for try await (lineNo, item, form, units, unitValue, pledged, allocated) in rows.decode((Int, String, String, Int, Int64, Int64, Int).self) {
            lines.append(Line(
                lineNo: lineNo, itemCode: item, form: form, units: units, unitValueFen: unitValue, pledgedFen: pledged,
                allocatedUnits: allocated, remainingUnits: units - allocated))
        }
        return PledgeView(
            pledgeId: pledgeId, donorId: donorId, donorName: donorName, pledgedOn: pledgedOn,
            pledgedFen: lines.reduce(0) { $0 + $1.pledgedFen },
            allocatedFen: lines.reduce(0) { $0 + Fen($1.allocatedUnits) * $1.unitValueFen }, lines: lines)
    }
}
