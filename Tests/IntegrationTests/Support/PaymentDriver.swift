import Foundation
import ServiceRuntime
import Testing

/// Drives disbursement's payment API the way the bureau does: an operator prepares and sends,
/// a different officer approves (four-eyes), failed lines are retried until everything is paid.
struct PaymentDriver {
    struct Batch: Decodable {
        var batchId: String
        var state: String
        var failed: Int
        var pending: Int
        var paid: Int
    }

    let baseURL: String
    let semester: String

    /// Runs batches until every granted entitlement of the semester is paid; returns the rounds used.
    @discardableResult
    func payEverything(maxRounds: Int = 20) async throws -> Int {
        let preparer = try await HTTP.token(.operator, subject: "operator-wang")
        let approver = try await HTTP.token(.bureauOfficer, subject: "officer-li")
        let prepared = try await HTTP.post("\(baseURL)/v1/batches", token: preparer, json: ["semester": semester])
        try #require(prepared.status == 200, "prepare failed: \(prepared.status) \(prepared.text)")
        for round in 1...maxRounds {
            let batches = try await HTTP.get("\(baseURL)/v1/batches?semester=\(semester)", token: preparer).json([Batch].self)
            for batch in batches {
                switch batch.state {
                case "draft":
                    try await expectOK(HTTP.send("POST", "\(baseURL)/v1/batches/\(batch.batchId)/approve", token: approver))
                    try await expectOK(HTTP.send("POST", "\(baseURL)/v1/batches/\(batch.batchId)/send", token: preparer))
                case "approved":
                    try await expectOK(HTTP.send("POST", "\(baseURL)/v1/batches/\(batch.batchId)/send", token: preparer))
                case "confirmed" where batch.failed > 0:
                    try await expectOK(HTTP.send("POST", "\(baseURL)/v1/batches/\(batch.batchId)/retry", token: preparer))
                default:
                    break
                }
            }
            if !batches.isEmpty && batches.allSatisfy({ $0.state == "closed" }) { return round }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("payments were not all confirmed after \(maxRounds) rounds")
        return maxRounds
    }

    private func expectOK(_ reply: HTTP.Reply) throws {
        try #require(reply.status == 200, "payment step failed: \(reply.status) \(reply.text)")
    }
}
