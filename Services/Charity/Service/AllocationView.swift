import AidContracts
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// An allocation with the reasons for it and how far its delivery has come.
struct AllocationView: ResponseCodable, Sendable {
    static let statuses = ["allocated", "delivered", "accepted", "cancelled"]

    var allocationId: String
    var runId: String
    var needId: String
    var pledgeId: String
    var lineNo: Int
    var donorId: String
    var form: String
    var schoolId: String
    var townCode: String
    var itemCode: String
    var quantity: Int
    var unitValueFen: Fen
    var valueFen: Fen
    var priorityRank: Int
    var conditionScore: Int
    var explanation: String
    var status: String
    var deliveredOn: String?
    var acceptedOn: String?
    var cancelledReason: String?

    struct Filter: Sendable {
        var allocationId: String?
        var schoolId: String?
        var runId: String?
        var status: String?
    }

    static func load(_ filter: Filter, on connection: PostgresConnection) async throws -> [AllocationView] {
        let rows = try await connection.run("""
            SELECT a.allocation_id, a.run_id, a.need_id, a.pledge_id, a.line_no, p.donor_id, l.form, a.school_id, a.town_code, a.item_code,
                   a.quantity, a.unit_value_fen, a.value_fen, a.priority_rank, a.condition_score, a.explanation, a.status,
                   a.delivered_on::text, a.accepted_on::text, a.cancelled_reason
            FROM allocations a JOIN pledges p ON p.pledge_id = a.pledge_id
                 JOIN pledge_lines l ON l.pledge_id = a.pledge_id AND l.line_no = a.line_no
            WHERE (\(filter.allocationId)::text IS NULL OR a.allocation_id = \(filter.allocationId))
              AND (\(filter.schoolId)::text IS NULL OR a.school_id = \(filter.schoolId))
              AND (\(filter.runId)::text IS NULL OR a.run_id = \(filter.runId))
              AND (\(filter.status)::text IS NULL OR a.status = \(filter.status))
            ORDER BY a.allocation_id
            """)
        var result: [AllocationView] = []
        typealias Columns = (String, String, String, String, Int, String, String, String, String, String, Int, Int64, Int64, Int, Int, String, String, String?, String?, String?)
        for try await row in rows.decode(Columns.self) {
            result.append(AllocationView(
                allocationId: row.0, runId: row.1, needId: row.2, pledgeId: row.3, lineNo: row.4, donorId: row.5, form: row.6,
                schoolId: row.7, townCode: row.8, itemCode: row.9, quantity: row.10, unitValueFen: row.11, valueFen: row.12,
                priorityRank: row.13, conditionScore: row.14, explanation: row.15, status: row.16, deliveredOn: row.17,
                acceptedOn: row.18, cancelledReason: row.19))
        }
        return result
    }
}
