import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Just enough HTTP for the disbursement API: JSON in, status and body out, optional bearer token.
struct HTTPClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        // Preparing batches for many thousand entitlements is one long transaction.
        configuration.timeoutIntervalForRequest = 600
        session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ url: String, token: String? = nil, json: (any Encodable)? = nil) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONEncoder().encode(json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}
