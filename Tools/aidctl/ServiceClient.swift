import APIClient
import Foundation

/// One service's HTTP API with a bearer token. Error bodies (`{"error": {"problems": [...]}}`) become
/// `CLIError.service` with every field, rule and line the service named.
struct ServiceClient: Sendable {
    let name: String
    let baseURL: String
    let token: String

    private static let client = APIClient(timeout: .seconds(300))

    /// Sends the request; any status is returned as it is.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> APIClient.Reply {
        do {
            return try await Self.client.send(method, baseURL + path, token: token, body: body, contentType: contentType)
        } catch is APIClient.InvalidURL {
            throw CLIError.unreachable(name: name, url: baseURL + path, reason: "not a valid URL")
        } catch let failure as APIClient.ConnectionFailure {
            throw CLIError.unreachable(name: name, url: baseURL, reason: failure.reason)
        } catch let timeout as APIClient.Timeout {
            throw CLIError.unreachable(name: name, url: baseURL, reason: "no complete reply within \(timeout.after)")
        }
    }

    /// Sends the request and decodes a 2xx body; other statuses throw with the service's findings.
    func call<Value: Decodable>(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json", as type: Value.Type) async throws -> Value {
        let reply = try await send(method, path, body: body, contentType: contentType)
        guard (200..<300).contains(reply.status) else { throw failure(reply) }
        return try reply.json(Value.self)
    }

    func failure(_ reply: APIClient.Reply) -> CLIError {
        guard let error = reply.error else {
            let text = String(decoding: reply.body.prefix(500), as: UTF8.self)
            return .service(name: name, status: reply.status, problems: text.isEmpty ? [] : [.init(field: nil, rule: text)])
        }
        return .service(name: name, status: reply.status, problems: error.allProblems)
    }
}
