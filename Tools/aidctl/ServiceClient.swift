import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One service's HTTP API with a bearer token. Error bodies (`{"error": {"problems": [...]}}`) become
/// `CLIError.service` with every field, rule and line the service named.
struct ServiceClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: Data
    }

    let name: String
    let baseURL: String
    let token: String

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        return URLSession(configuration: configuration)
    }()

    /// Sends the request; any status is returned as it is.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> Reply {
        guard let url = URL(string: baseURL + path) else {
            throw CLIError.unreachable(name: name, url: baseURL + path, reason: "not a valid URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        do {
            let (data, response) = try await Self.session.data(for: request)
            return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
        } catch {
            throw CLIError.unreachable(name: name, url: baseURL, reason: error.localizedDescription)
        }
    }

    /// Sends the request and decodes a 2xx body; other statuses throw with the service's findings.
    func call<Value: Decodable>(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json", as type: Value.Type) async throws -> Value {
        let reply = try await send(method, path, body: body, contentType: contentType)
        guard (200..<300).contains(reply.status) else { throw failure(reply) }
        return try JSONDecoder().decode(Value.self, from: reply.body)
    }

    func failure(_ reply: Reply) -> CLIError {
        struct Body: Decodable {
            struct Error: Decodable { var problems: [CLIError.Problem]?; var field: String?; var rule: String? }
            var error: Error
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: reply.body) else {
            let text = String(decoding: reply.body.prefix(500), as: UTF8.self)
            return .service(name: name, status: reply.status, problems: text.isEmpty ? [] : [.init(field: nil, rule: text)])
        }
        let problems = body.error.problems ?? body.error.rule.map { [CLIError.Problem(field: body.error.field, rule: $0)] } ?? []
        return .service(name: name, status: reply.status, problems: problems)
    }
}
