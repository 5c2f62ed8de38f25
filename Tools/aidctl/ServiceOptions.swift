import ArgumentParser
import Foundation
import ServiceRuntime

/// Where the services are and how to authenticate to them.
struct ServiceOptions: ParsableArguments {
    @Option(help: "Identification's base URL (env AID_IDENTIFICATION_URL; default http://127.0.0.1:8081).")
    var identificationURL: String?

    @Option(help: "Disbursement's base URL (env AID_DISBURSEMENT_URL; default http://127.0.0.1:8082).")
    var disbursementURL: String?

    @Option(help: "Bearer token (env AID_TOKEN). Without one, a 10-minute token is minted when AUTH_SIGNING_KEY is the development key.")
    var token: String?

    @Option(name: .customLong("as"), help: "Who a minted token names (default local-operator, or local-officer for approvals).")
    var subject: String?

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    func identification(role: Role) async throws -> ServiceClient {
        ServiceClient(
            name: "identification", baseURL: identificationURL ?? environment["AID_IDENTIFICATION_URL"] ?? "http://127.0.0.1:8081",
            token: try await bearer(role: role))
    }

    func disbursement(role: Role) async throws -> ServiceClient {
        ServiceClient(
            name: "disbursement", baseURL: disbursementURL ?? environment["AID_DISBURSEMENT_URL"] ?? "http://127.0.0.1:8082",
            token: try await bearer(role: role))
    }

    /// The given token, or one minted for `role` with the development key (never with a real key:
    /// outside development every operator acts with their own token).
    private func bearer(role: Role) async throws -> String {
        if let token = token ?? environment["AID_TOKEN"], !token.isEmpty { return token }
        let key = environment["AUTH_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? ServiceConfiguration.developmentSigningKey
        guard key == ServiceConfiguration.developmentSigningKey else {
            throw CLIError.noToken("no token: pass --token or set AID_TOKEN (AUTH_SIGNING_KEY is not the development key, so aidctl mints none)")
        }
        let defaultSubject = role == .bureauOfficer ? "local-officer" : "local-operator"
        return try await TokenAuthority(signingKey: key).sign(subject: subject ?? defaultSubject, role: role, validFor: 600)
    }
}
