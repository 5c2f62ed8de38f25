import APIClient
import Foundation
import ServiceRuntime

/// Talks to the services' public HTTP APIs with bearer tokens signed like `aidctl token` does
/// (AUTH_SIGNING_KEY, else the development key). Each kind of work uses the role that does it in
/// the bureau: an operator imports and prepares, school staff submit and keep class records, a
/// bureau officer verifies and approves.
struct SuiteClient: Sendable {
    struct Tokens: Sendable {
        var operatorToken: String
        var officer: String
        /// A second officer, for the approvals: a batch needs someone other than who prepared it.
        var approver: String
        var schoolStaff: String
    }

    let tokens: Tokens
    /// A chunk of 10,000 students is one transaction on a shared two-core machine; a service under
    /// load may reset a connection, which is tried again.
    let api = APIClient(timeout: .seconds(600), connectionRetries: 3)

    init() async throws {
        let key = ProcessInfo.processInfo.environment["AUTH_SIGNING_KEY"] ?? ServiceConfiguration.developmentSigningKey
        let authority = try await TokenAuthority(signingKey: key)
        tokens = Tokens(
            operatorToken: try await authority.sign(subject: "citygen-operator", role: .operator),
            officer: try await authority.sign(subject: "citygen-officer-zhang", role: .bureauOfficer),
            approver: try await authority.sign(subject: "citygen-officer-li", role: .bureauOfficer),
            schoolStaff: try await authority.sign(subject: "citygen-school-staff", role: .schoolStaff))
    }

    /// Whether the service answers its readiness probe.
    func isReady(_ baseURL: String) async -> Bool {
        (try? await api.get("\(baseURL)/health/ready", token: nil).status) == 200
    }
}
