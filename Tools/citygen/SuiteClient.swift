import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ServiceRuntime

/// Talks to the services' public HTTP APIs with bearer tokens signed like `aidctl token` does
/// (AUTH_SIGNING_KEY, else the development key). Each kind of work uses the role that does it in
/// the bureau: an operator imports and prepares, school staff submit and keep class records, a
/// bureau officer verifies and approves.
struct SuiteClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func json<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: body)
        }

        /// The `field` of the service's error body, when there is one.
        var errorField: String? {
            struct ErrorBody: Decodable { struct Detail: Decodable { var field: String? }; var error: Detail }
            return (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error.field
        }
    }

    struct Tokens: Sendable {
        var operatorToken: String
        var officer: String
        /// A second officer, for the approvals: a batch needs someone other than who prepared it.
        var approver: String
        var schoolStaff: String
    }

    let tokens: Tokens
    private let session: URLSession

    init() async throws {
        let key = ProcessInfo.processInfo.environment["AUTH_SIGNING_KEY"] ?? ServiceConfiguration.developmentSigningKey
        let authority = try await TokenAuthority(signingKey: key)
        tokens = Tokens(
            operatorToken: try await authority.sign(subject: "citygen-operator", role: .operator),
            officer: try await authority.sign(subject: "citygen-officer-zhang", role: .bureauOfficer),
            approver: try await authority.sign(subject: "citygen-officer-li", role: .bureauOfficer),
            schoolStaff: try await authority.sign(subject: "citygen-school-staff", role: .schoolStaff))
        let configuration = URLSessionConfiguration.ephemeral
        // A chunk of 10,000 students is one transaction on a shared two-core machine.
        configuration.timeoutIntervalForRequest = 600
        session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ url: String, token: String?, body: Data? = nil, contentType: String = "application/json") async throws -> Reply {
        guard let target = URL(string: url) else { throw LoadError("not a URL: \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        // A refused or dropped connection is retried a few times: a service under load may reset one.
        var attempt = 0
        while true {
            do {
                let (data, response) = try await session.data(for: request)
                return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
            } catch let error as URLError where attempt < 3 && error.code != .timedOut {
                attempt += 1
                try await Task.sleep(for: .milliseconds(500 * attempt))
            }
        }
    }

    func post(_ url: String, token: String, json: some Encodable) async throws -> Reply {
        try await send("POST", url, token: token, body: try JSONEncoder().encode(json))
    }

    func get(_ url: String, token: String) async throws -> Reply {
        try await send("GET", url, token: token)
    }

    /// Whether the service answers its readiness probe.
    func isReady(_ baseURL: String) async -> Bool {
        (try? await send("GET", "\(baseURL)/health/ready", token: nil).status) == 200
    }
}
