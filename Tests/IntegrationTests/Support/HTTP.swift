import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ServiceRuntime

/// A small HTTP client for driving the services' APIs with bearer tokens.
enum HTTP {
    struct Reply: Sendable {
        var status: Int
        var body: Data
        /// Response headers, names in lower case.
        var headers: [String: String] = [:]

        var text: String { String(decoding: body, as: UTF8.self) }

        func json<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: body)
        }

        /// The `field` the error body names, if any.
        var errorField: String? {
            struct Body: Decodable { struct Error: Decodable { var field: String? }; var error: Error }
            return (try? JSONDecoder().decode(Body.self, from: body))?.error.field
        }
    }

    struct Failure: Error { var status: Int }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()

    static func status(_ url: String) async throws -> Int {
        try await send("GET", url, token: nil).status
    }

    static func send(_ method: String, _ url: String, token: String?, body: Data? = nil, contentType: String = "application/json", headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        var replyHeaders: [String: String] = [:]
        for case let (name as String, value as String) in (response as? HTTPURLResponse)?.allHeaderFields ?? [:] {
            replyHeaders[name.lowercased()] = value
        }
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data, headers: replyHeaders)
    }

    static func post(_ url: String, token: String?, json: some Encodable) async throws -> Reply {
        try await send("POST", url, token: token, body: try JSONEncoder().encode(json))
    }

    static func get(_ url: String, token: String?) async throws -> Reply {
        try await send("GET", url, token: token)
    }

    static func token(_ role: Role, subject: String) async throws -> String {
        try await TokenAuthority(signingKey: ServiceConfiguration.developmentSigningKey).sign(subject: subject, role: role)
    }
}
