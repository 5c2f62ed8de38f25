import ArgumentParser
import Foundation
import ServiceRuntime

/// Mints a bearer token signed with AUTH_SIGNING_KEY (the development key when unset): always the
/// current key, never AUTH_PREVIOUS_SIGNING_KEY, which the services only accept while rotating.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a signed bearer token for a role.")

    @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
    var role: String = Role.operator.rawValue

    @Option(help: "Who the token identifies (recorded as the actor of what it does).")
    var subject = "local-operator"

    @Option(help: "Hours until the token expires.")
    var hours = 12.0

    func run() async throws {
        guard let role = Role(rawValue: role) else {
            throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let key = ProcessInfo.processInfo.environment["AUTH_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ServiceConfiguration.developmentSigningKey
        print(try await TokenAuthority(signingKey: key).sign(subject: subject, role: role, validFor: hours * 3600))
    }
}
