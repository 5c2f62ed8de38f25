import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

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

    /// The exchange did not complete: nothing answered at the URL, or the connection broke before
    /// a reply came (after the configured retries).
    public struct ConnectionFailure: Error, CustomStringConvertible, LocalizedError {
        public var url: String
        public var reason: String
        public var description: String { "no reply from \(url): \(reason)" }
        public var errorDescription: String? { description }
    }

    /// No complete reply within the client's timeout. Never retried: the request may have been applied.
    public struct Timeout: Error, CustomStringConvertible, LocalizedError {
        public var url: String
        public var after: Duration
        public var description: String { "no complete reply from \(url) within \(after)" }
        public var errorDescription: String? { description }
    }

    // AsyncHTTPClient rather than Foundation's URLSession: on Linux the latter (libcurl underneath)
    // kept a core busy while it waited for a long import to answer, half of a 2-core machine
    // taken from the services during a city load.
    private let client: HTTPClient
    private let timeout: Duration
    private let connectionRetries: Int

    /// - Parameters:
    ///   - timeout: how long one request may take; a payment batch for thousands of students or a
    ///     roster chunk of 10,000 is one long transaction on a shared machine.
    ///   - connectionRetries: how often a refused or dropped connection is tried again (after 0.5 s,
    ///     1 s, ...), for a service under load that resets one. A timeout is never retried: the
    ///     request may have been applied.
    public init(timeout: Duration, connectionRetries: Int = 0) {
        client = HTTPClient.shared
        self.timeout = timeout
        self.connectionRetries = connectionRetries
    }

    public func send(
        _ method: String, _ url: String, token: String?, body: Data? = nil,
        contentType: String = "application/json", headers: [String: String] = [:]
    ) async throws -> Reply {
        guard let target = URL(string: url), target.scheme != nil, target.host != nil else { throw InvalidURL(url: url) }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(data: body))
            request.headers.add(name: "Content-Type", value: contentType)
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        var attempt = 0
        while true {
            do {
                let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
                let response = try await client.execute(request, deadline: deadline)
                let replyBody = try await response.body.collect(upTo: Self.largestReply)
                var replyHeaders: [String: String] = [:]
                for (name, value) in response.headers { replyHeaders[name.lowercased()] = value }
                return Reply(status: Int(response.status.code), body: Data(buffer: replyBody), headers: replyHeaders)
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                throw Timeout(url: url, after: timeout)
            } catch {
                guard attempt < connectionRetries else { throw ConnectionFailure(url: url, reason: "\(error)") }
                attempt += 1
                try await Task.sleep(for: .milliseconds(500 * attempt))
            }
        }
    }

    /// Replies are JSON reports and payment files; none comes near this.
    static let largestReply = 1 << 30
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
