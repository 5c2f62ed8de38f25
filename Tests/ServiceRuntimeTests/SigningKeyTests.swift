import ServiceRuntime
import Testing

@Suite("Signing keys: length at start-up, rotation")
struct SigningKeyTests {
    static let keyA = "city-signing-key-a-0123456789abcdef-2026"
    static let keyB = "city-signing-key-b-0123456789abcdef-2026"
    static let keyC = "city-signing-key-c-0123456789abcdef-2026"

    static func configuration(_ environment: [String: String]) throws(ConfigurationError) -> ServiceConfiguration {
        try ServiceConfiguration(serviceName: "charity", defaultHTTPPort: 8083, environment: environment)
    }

    @Test("a signing key shorter than 32 bytes is refused, naming AUTH_SIGNING_KEY and the rule")
    func shortKeyIsRefused() {
        for short in ["x", "change-me", String(repeating: "k", count: 31)] {
            let error = #expect(throws: ConfigurationError.self) { try Self.configuration(["AUTH_SIGNING_KEY": short]) }
            let message = error?.description ?? ""
            #expect(message.contains("AUTH_SIGNING_KEY"), "\(message)")
            #expect(message.contains("at least 32 bytes"), "\(message)")
            #expect(message.contains("got \(short.utf8.count)"), "\(message)")
            #expect(!message.contains(short) || short.count < 2, "the error must not echo the key: \(message)")
        }
    }

    @Test("32 bytes, the development default and multi-byte characters counted as bytes")
    func longEnoughKeysAreAccepted() throws {
        #expect(try Self.configuration(["AUTH_SIGNING_KEY": String(repeating: "k", count: 32)]).authSigningKey.utf8.count == 32)
        #expect(try Self.configuration([:]).authSigningKey == ServiceConfiguration.developmentSigningKey)
        // 11 characters of 3 bytes each: 33 bytes, which HMAC takes as 33 bytes.
        #expect(try Self.configuration(["AUTH_SIGNING_KEY": String(repeating: "资", count: 11)]).authSigningKey.count == 11)
        #expect(throws: ConfigurationError.self) { try Self.configuration(["AUTH_SIGNING_KEY": String(repeating: "资", count: 10)]) }
    }

    @Test("the previous key is optional, and refused by name when too short")
    func previousKey() throws {
        #expect(try Self.configuration([:]).authPreviousSigningKey == nil)
        #expect(try Self.configuration(["AUTH_PREVIOUS_SIGNING_KEY": ""]).authPreviousSigningKey == nil)
        #expect(try Self.configuration(["AUTH_PREVIOUS_SIGNING_KEY": Self.keyA]).authPreviousSigningKey == Self.keyA)
        let error = #expect(throws: ConfigurationError.self) { try Self.configuration(["AUTH_SIGNING_KEY": Self.keyB, "AUTH_PREVIOUS_SIGNING_KEY": "old"]) }
        #expect(error?.description.contains("AUTH_PREVIOUS_SIGNING_KEY") == true, "\(String(describing: error))")
        #expect(ServiceConfiguration.variableNames.contains("AUTH_PREVIOUS_SIGNING_KEY"))
    }

    @Test("TokenAuthority itself refuses a short key instead of tripping JWTKit's assertion")
    func authorityRefusesShortKey() async {
        await #expect(throws: ConfigurationError.self) { _ = try await TokenAuthority(signingKey: "short") }
        await #expect(throws: ConfigurationError.self) { _ = try await TokenAuthority(signingKey: Self.keyB, previousSigningKey: "short") }
    }

    @Test("during rotation tokens of the current and the previous key verify, a third key's do not; new tokens use the current key")
    func rotation() async throws {
        let oldOnly = try await TokenAuthority(signingKey: Self.keyA)
        let newOnly = try await TokenAuthority(signingKey: Self.keyB)
        let other = try await TokenAuthority(signingKey: Self.keyC)
        let rotating = try await TokenAuthority(configuration: Self.configuration([
            "AUTH_SIGNING_KEY": Self.keyB, "AUTH_PREVIOUS_SIGNING_KEY": Self.keyA,
        ]))

        let issuedBefore = try await oldOnly.sign(subject: "officer-li", role: .bureauOfficer)
        let issuedAfter = try await newOnly.sign(subject: "staff-zhao", role: .schoolStaff)
        let foreign = try await other.sign(subject: "intruder", role: .operator)

        let before = try await rotating.verify(issuedBefore)
        #expect(before.subject == "officer-li" && before.role == .bureauOfficer)
        let after = try await rotating.verify(issuedAfter)
        #expect(after.subject == "staff-zhao" && after.role == .schoolStaff)
        await #expect(throws: (any Error).self) { _ = try await rotating.verify(foreign) }

        // What the rotating authority signs is signed with the current key only.
        let minted = try await rotating.sign(subject: "operator-wang", role: .operator)
        #expect(try await newOnly.verify(minted).subject == "operator-wang")
        await #expect(throws: (any Error).self) { _ = try await oldOnly.verify(minted) }

        // After the rotation ends (no previous key), the old key's tokens are refused.
        await #expect(throws: (any Error).self) { _ = try await newOnly.verify(issuedBefore) }
        // An expired token of the previous key stays refused.
        let expiredOld = try await oldOnly.sign(subject: "officer-li", role: .bureauOfficer, validFor: -60)
        await #expect(throws: (any Error).self) { _ = try await rotating.verify(expiredOld) }
    }
}
