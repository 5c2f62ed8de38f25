import APIClient
import Foundation
import ServiceRuntime

/// The services' APIs as the tests call them: one shared client, tokens signed with the development key.
enum HTTP {
    typealias Reply = APIClient.Reply

    struct Failure: Error { var status: Int }

    static let client = APIClient(timeout: .seconds(120))

    static func status(_ url: String) async throws -> Int {
        try await send("GET", url, token: nil).status
    }

    static func send(_ method: String, _ url: String, token: String?, body: Data? = nil, contentType: String = "application/json", headers: [String: String] = [:]) async throws -> Reply {
        try await client.send(method, url, token: token, body: body, contentType: contentType, headers: headers)
    }

    static func post(_ url: String, token: String?, json: some Encodable) async throws -> Reply {
        try await client.post(url, token: token, json: json)
    }

    static func get(_ url: String, token: String?) async throws -> Reply {
        try await client.get(url, token: token)
    }

    static func token(_ role: Role, subject: String) async throws -> String {
        try await TokenAuthority(signingKey: ServiceConfiguration.developmentSigningKey).sign(subject: subject, role: role)
    }
}
