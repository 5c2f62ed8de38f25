import APIClient
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
    func payEverything(maxRounds: Int = 40) async throws -> Int {
        try await payEverything(maxRounds: maxRounds, tolerateOutages: false) { true }
    }

    /// Repeats prepare → approve → send → retry rounds until `finished()` and every batch is closed.
    /// With `tolerateOutages`, a refused connection or a step that lost a race with a crash is not an
    /// error: the next round reads the batches' state again and carries on from there.
    @discardableResult
    func payEverything(maxRounds: Int, tolerateOutages: Bool, finished: () async throws -> Bool) async throws -> Int {
        let preparer = try await HTTP.token(.operator, subject: "operator-wang")
        let approver = try await HTTP.token(.bureauOfficer, subject: "officer-li")
        for round in 1...maxRounds {
            do {
                try check(try await HTTP.post("\(baseURL)/v1/batches", token: preparer, json: ["semester": semester]), tolerateOutages)
                let batches = try await HTTP.get("\(baseURL)/v1/batches?semester=\(semester)", token: preparer).json([Batch].self)
                for batch in batches {
                    let url = "\(baseURL)/v1/batches/\(batch.batchId)"
                    switch batch.state {
                    case "draft":
                        try check(try await HTTP.send("POST", "\(url)/approve", token: approver), tolerateOutages)
                        try check(try await HTTP.send("POST", "\(url)/send", token: preparer), tolerateOutages)
                    case "approved":
                        try check(try await HTTP.send("POST", "\(url)/send", token: preparer), tolerateOutages)
                    case "confirmed" where batch.failed > 0:
                        try check(try await HTTP.send("POST", "\(url)/retry", token: preparer), tolerateOutages)
                    default:
                        break
                    }
                }
                if !batches.isEmpty && batches.allSatisfy({ $0.state == "closed" }), try await finished() { return round }
            } catch let error as APIClient.ConnectionFailure where tolerateOutages {
                _ = error
            } catch let error as DecodingError where tolerateOutages {
                _ = error
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("payments were not all confirmed after \(maxRounds) rounds")
        return maxRounds
    }

    private func check(_ reply: HTTP.Reply, _ tolerateOutages: Bool) throws {
        if reply.status == 200 { return }
        // After a crash a step may already have happened (409) or the service may be restarting.
        if tolerateOutages && (reply.status == 409 || reply.status >= 500) { return }
        Issue.record("payment step failed: \(reply.status) \(reply.text)")
        throw HTTP.Failure(status: reply.status)
    }
}
