/// A payment batch as disbursement reports it.
struct BatchSummary: Codable {
    var batchId: String
    var schoolId: String
    var semester: String
    var state: String
    var attempt: Int
    var preparedBy: String
    var approvedBy: String?
    var lines: Int
    var totalFen: Int64
    var paid: Int
    var failed: Int
    var pending: Int

    static func show(_ batches: [BatchSummary]) {
        Console.table(
            ["BATCH", "SCHOOL", "STATE", "ATTEMPT", "LINES", "TOTAL", "PAID", "FAILED", "PENDING", "PREPARED BY", "APPROVED BY"],
            batches.map {
                [$0.batchId, $0.schoolId, $0.state, "\($0.attempt)", "\($0.lines)", Console.yuan($0.totalFen), "\($0.paid)", "\($0.failed)",
                 "\($0.pending)", $0.preparedBy, $0.approvedBy ?? "-"]
            })
    }
}
