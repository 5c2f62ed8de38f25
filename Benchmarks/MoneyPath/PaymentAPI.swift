import APIClient
import Foundation
import ServiceRuntime

/// The bureau's side of disbursement's API: an operator opens the semester, prepares and sends
/// batches; a different subject, a bureau officer, approves them (the four-eyes rule).
struct PaymentAPI: Sendable {
    struct Batch: Decodable, Sendable {
        var batchId: String
        var lines: Int
    }

    let baseURL: String
    /// Preparing batches for many thousand entitlements is one long transaction.
    private let http = APIClient(timeout: .seconds(600))
    private let operatorToken: String
    private let officerToken: String

    init(baseURL: String, signingKey: String) async throws {
        self.baseURL = baseURL
        let authority = try await TokenAuthority(signingKey: signingKey)
        operatorToken = try await authority.sign(subject: "operator-wang", role: .operator)
        officerToken = try await authority.sign(subject: "officer-li", role: .bureauOfficer)
    }

    func openSemester(_ semester: String) async throws {
        _ = try await call("POST", "semesters", token: operatorToken, json: ["semester": semester])
    }

    /// One draft batch per school holding every granted entitlement of the semester.
    func prepareBatches(semester: String) async throws -> [Batch] {
        let reply = try await call("POST", "batches", token: operatorToken, json: ["semester": semester])
        return try JSONDecoder().decode([Batch].self, from: reply.body)
    }

    func approve(_ batch: Batch) async throws {
        _ = try await call("POST", "batches/\(batch.batchId)/approve", token: officerToken)
    }

    /// Records the payment file; the service's bank exchange delivers it and books the confirmation.
    func send(_ batch: Batch) async throws {
        _ = try await call("POST", "batches/\(batch.batchId)/send", token: operatorToken)
    }

    private func call(_ method: String, _ path: String, token: String, json: [String: String]? = nil) async throws -> APIClient.Reply {
        let url = "\(baseURL)/v1/\(path)"
        let reply = if let json { try await http.send(method, url, token: token, json: json) } else { try await http.send(method, url, token: token) }
        guard reply.status == 200 else { throw BenchmarkError.http(step: "\(method) /v1/\(path)", status: reply.status, body: reply.text) }
        return reply
    }
}
