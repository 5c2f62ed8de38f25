import Foundation
import ServiceRuntime
import Testing

/// AUTH_SIGNING_KEY as the real executables take it: a short key stops them at start with a message
/// naming it; during a rotation the previous key's tokens still pass, a third key's do not.
@Suite("Signing keys: refused when short, rotated without logging anyone out", .serialized, .timeLimit(.minutes(4)))
struct SigningKeyStartupTests {
    static let previousKey = "rotation-test-previous-key-0123456789abcdef"
    static let currentKey = "rotation-test-current-key-0123456789abcdef"
    static let otherKey = "rotation-test-another-city-key-0123456789abcdef"

    struct Exit {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a built executable to its exit (or fails the test after `timeout`).
    static func runToExit(_ name: String, arguments: [String] = [], environment extra: [String: String], timeout: Duration = .seconds(30)) async throws -> Exit {
        let folder = FileManager.default.temporaryDirectory.appending(path: "aid-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "stdout")
        let errors = folder.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = TestEnvironment.binaries.appending(path: name)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                process.waitUntilExit()
                Issue.record("\(name) was still running after \(timeout): it should have refused to start")
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return Exit(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test("every service and aidctl exit non-zero on a signing key shorter than 32 bytes, naming AUTH_SIGNING_KEY")
    func shortKeyStopsStartUp() async throws {
        for service in ["identification", "charity", "training", "pairing"] {
            let exit = try await Self.runToExit(service, environment: ["AUTH_SIGNING_KEY": "too-short-a-key", "HTTP_PORT": "0"])
            #expect(exit.status != 0, "\(service) must refuse to start")
            #expect(exit.stderr.contains("AUTH_SIGNING_KEY") && exit.stderr.contains("at least 32 bytes"), "\(service): \(exit.stderr)")
            #expect(!exit.stderr.contains("Fatal error") && !exit.stderr.contains("Assertion failed"), "\(service) must refuse, not crash: \(exit.stderr)")
        }
        let previous = try await Self.runToExit("charity", environment: ["AUTH_PREVIOUS_SIGNING_KEY": "old-short"])
        #expect(previous.status != 0)
        #expect(previous.stderr.contains("AUTH_PREVIOUS_SIGNING_KEY"), "\(previous.stderr)")

        let aidctl = try await Self.runToExit("aidctl", arguments: ["token", "--role", "operator"], environment: ["AUTH_SIGNING_KEY": "too-short-a-key"])
        #expect(aidctl.status != 0)
        #expect(aidctl.stderr.contains("AUTH_SIGNING_KEY") && aidctl.stderr.contains("at least 32 bytes"), "\(aidctl.stderr)")
    }

    @Test("DEPLOYMENT_ENVIRONMENT=production refuses the development signing and PII keys by name, and starts with keys of its own")
    func productionRefusesDevelopmentKeys() async throws {
        try await TestEnvironment.requireInfrastructure()
        let production = ["DEPLOYMENT_ENVIRONMENT": "production", "HTTP_PORT": "0"]
        let unsetKey = try await Self.runToExit("charity", environment: production.merging(["AUTH_SIGNING_KEY": ""]) { _, new in new })
        #expect(unsetKey.status != 0)
        #expect(unsetKey.stderr.contains("AUTH_SIGNING_KEY is unset or the development key"), "\(unsetKey.stderr)")
        let developmentKey = try await Self.runToExit("training", environment: production.merging([
            "AUTH_SIGNING_KEY": Self.currentKey, "AUTH_PREVIOUS_SIGNING_KEY": ServiceConfiguration.developmentSigningKey,
        ]) { _, new in new })
        #expect(developmentKey.status != 0)
        #expect(developmentKey.stderr.contains("AUTH_PREVIOUS_SIGNING_KEY is unset or the development key"), "\(developmentKey.stderr)")
        let developmentPII = try await Self.runToExit("identification", environment: production.merging([
            "AUTH_SIGNING_KEY": Self.currentKey, "PII_KEY": PersonalDataVault.developmentKey,
            "POSTGRES_SCHEMA": "never_created_\(UUID().uuidString.prefix(8).lowercased())",
        ]) { _, new in new })
        #expect(developmentPII.status != 0)
        #expect(developmentPII.stderr.contains("PII_KEY is unset or the development key"), "\(developmentPII.stderr)")
        let unknown = try await Self.runToExit("charity", environment: ["DEPLOYMENT_ENVIRONMENT": "staging", "HTTP_PORT": "0"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("DEPLOYMENT_ENVIRONMENT must be development or production, got 'staging'"), "\(unknown.stderr)")

        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification", extra: [
                "DEPLOYMENT_ENVIRONMENT": "production", "AUTH_SIGNING_KEY": Self.currentKey, "PII_KEY": "rotation-test-pii-key-0123456789abcdef",
            ])
            let token = try await TokenAuthority(signingKey: Self.currentKey).sign(subject: "officer-li", role: .bureauOfficer)
            #expect(try await HTTP.get("\(identification.baseURL)/v1/rules", token: token).status == 200)
        }
    }

    @Test("with AUTH_PREVIOUS_SIGNING_KEY, tokens of both keys are accepted and a third key's refused; aidctl signs with the current key")
    func rotation() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification", extra: [
                "AUTH_SIGNING_KEY": Self.currentKey, "AUTH_PREVIOUS_SIGNING_KEY": Self.previousKey,
            ])
            let rules = "\(identification.baseURL)/v1/rules"
            let before = try await TokenAuthority(signingKey: Self.previousKey).sign(subject: "officer-li", role: .bureauOfficer)
            let after = try await TokenAuthority(signingKey: Self.currentKey).sign(subject: "officer-li", role: .bureauOfficer)
            let foreign = try await TokenAuthority(signingKey: Self.otherKey).sign(subject: "officer-li", role: .bureauOfficer)
            #expect(try await HTTP.get(rules, token: before).status == 200, "a token of the previous key must still pass")
            #expect(try await HTTP.get(rules, token: after).status == 200, "a token of the current key must pass")
            let refused = try await HTTP.get(rules, token: foreign)
            #expect(refused.status == 401, "\(refused.text)")
            #expect(refused.errorField == "Authorization")

            let minted = try await Self.runToExit("aidctl", arguments: ["token", "--role", "auditor", "--subject", "auditor-sun"], environment: [
                "AUTH_SIGNING_KEY": Self.currentKey, "AUTH_PREVIOUS_SIGNING_KEY": Self.previousKey,
            ])
            try #require(minted.status == 0, "\(minted.stderr)")
            let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await HTTP.get(rules, token: token).status == 200)
            #expect(try await TokenAuthority(signingKey: Self.currentKey).verify(token).subject == "auditor-sun")
            await #expect(throws: (any Error).self, "aidctl must not sign with the previous key") {
                _ = try await TokenAuthority(signingKey: Self.previousKey).verify(token)
            }

            // The rotation ends: the same service without the previous key refuses the old tokens.
            identification.stop()
            let restarted = try await world.start("identification", extra: ["AUTH_SIGNING_KEY": Self.currentKey, "AUTH_PREVIOUS_SIGNING_KEY": ""])
            #expect(try await HTTP.get("\(restarted.baseURL)/v1/rules", token: before).status == 401)
            #expect(try await HTTP.get("\(restarted.baseURL)/v1/rules", token: after).status == 200)
        }
    }
}
