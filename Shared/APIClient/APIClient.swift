import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of the suite's HTTP APIs, for the tools that drive them from outside (aidctl, citygen,
/// the benchmark, the integration tests): bearer token in, status, headers and body out. Any status
/// is returned as it is; what a non-2xx reply means is the caller's business.
public struct APIClient: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var body: Data
        /// Response headers, names in lower case.
        public var headers: [String: String]

        public init(status: Int, body: Data, headers: [String: String] = [:]) {
            self.status = status
            self.body = body
            self.headers = headers
        }

        public var text: String { String(decoding: body, as: UTF8.self) }

        public func json<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: body)
        }

        /// The service's error body, `{"error": {"status", "field", "rule", "problems"}}`, when it sent one.
        public var error: ServiceError? {
            struct Body: Decodable { var error: ServiceError }
            return (try? JSONDecoder().decode(Body.self, from: body))?.error
        }

        /// The `field` the service's error body names, if any.
        public var errorField: String? { error?.field }
    }

    /// What a service said was wrong: the first problem as `field`/`rule`, and every problem it found.
    public struct ServiceError: Decodable, Sendable {
        public var field: String?
        public var rule: String?
        public var problems: [Problem]?

        /// Every problem; an error body without a `problems` list names one in `field`/`rule`.
        public var allProblems: [Problem] {
            problems ?? rule.map { [Problem(field: field, rule: $0)] } ?? []
        }
    }

    public struct Problem: Codable, Sendable, Equatable, CustomStringConvertible {
        public var field: String?
        public var rule: String
        public var line: Int?

        /// "line 3, field 'residentId': check digit must be 7, got 3", or the bare rule.
        public var description: String {
            [line.map { "line \($0)" }, field.map { "field '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
                + (line == nil && field == nil ? rule : ": \(rule)")
        }

        public init(field: String?, rule: String, line: Int? = nil) {
            self.field = field
            self.rule = rule
            self.line = line
        }
    }

    public struct InvalidURL: Error, CustomStringConvertible {
        public var url: String
        public var description: String { "not a valid URL: \(url)" }
    }

    private let session: URLSession
    private let connectionRetries: Int

    /// - Parameters:
    ///   - timeout: how long one request may take; a payment batch for thousands of students or a
    ///     roster chunk of 10,000 is one long transaction on a shared machine.
    ///   - connectionRetries: how often a refused or dropped connection is tried again (after 0.5 s,
    ///     1 s, ...), for a service under load that resets one. A timeout is never retried: the
    ///     request may have been applied.
    public init(timeout: Duration, connectionRetries: Int = 0) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.components.seconds)
        session = URLSession(configuration: configuration)
        self.connectionRetries = connectionRetries
    }

    public func send(
        _ method: String, _ url: String, token: String?, body: Data? = nil,
        contentType: String = "application/json", headers: [String: String] = [:]
    ) async throws -> Reply {
        guard let target = URL(string: url) else { throw InvalidURL(url: url) }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        var attempt = 0
        while true {
            do {
                let (data, response) = try await session.data(for: request)
                let http = response as? HTTPURLResponse
                var replyHeaders: [String: String] = [:]
                for case let (name as String, value as String) in http?.allHeaderFields ?? [:] {
                    replyHeaders[name.lowercased()] = value
                }
                return Reply(status: http?.statusCode ?? 0, body: data, headers: replyHeaders)
            } catch let error as URLError where attempt < connectionRetries && error.code != .timedOut {
                attempt += 1
                try await Task.sleep(for: .milliseconds(500 * attempt))
            }
        }
    }

    public func send(_ method: String, _ url: String, token: String?, json: some Encodable) async throws -> Reply {
        try await send(method, url, token: token, body: try JSONEncoder().encode(json))
    }

    public func post(_ url: String, token: String?, json: some Encodable) async throws -> Reply {
        try await send("POST", url, token: token, json: json)
    }

    public func get(_ url: String, token: String?) async throws -> Reply {
        try await send("GET", url, token: token)
    }
}
