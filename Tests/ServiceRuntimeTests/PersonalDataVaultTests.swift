import Foundation
import ServiceRuntime
import Testing

@Suite("Personal data vault: sealing, keys, rotation")
struct PersonalDataVaultTests {
    static let oldKey = "pii-key-before-rotation-0123456789abcdef"
    static let newKey = "pii-key-after-rotation-0123456789abcdef"

    static func configuration(_ environment: [String: String]) throws -> ServiceConfiguration {
        try ServiceConfiguration(serviceName: "training", defaultHTTPPort: 8085, environment: environment)
    }

    @Test("sealed text holds no plain text, opens again, and differs each time (random nonce)")
    func sealAndOpen() throws {
        let vault = PersonalDataVault(secret: Self.newKey)
        let name = "王小明 Wang Xiaoming"
        let first = try vault.seal(name)
        let second = try vault.seal(name)
        #expect(first != second)
        #expect(first.range(of: Data(name.utf8)) == nil)
        #expect(first.range(of: Data("Wang".utf8)) == nil)
        #expect(try vault.open(first) == name)
        #expect(try vault.open(Data(base64Encoded: try vault.sealBase64(name))!) == name)
    }

    @Test("the keyed hash is the one identification has always stored (same key derivation)")
    func hashIsStable() {
        // HMAC-SHA256 under HKDF-SHA256(SHA256(key), info "aid-pii-hash"), computed independently.
        let vault = PersonalDataVault(secret: PersonalDataVault.developmentKey)
        #expect(vault.hash(residentID: "11010120000101123x") == "186c628bcf1d8f91df7455c649154628c5d457c4816b6be88861ebc24fed0ecd")
        #expect(PersonalDataVault(secret: Self.newKey).hash(residentID: "11010120000101123X") != vault.hash(residentID: "11010120000101123X"))
    }

    @Test("without the previous key, what another key sealed is refused with an error that names the key, not the content")
    func wrongKey() throws {
        let sealedOld = try PersonalDataVault(secret: Self.oldKey).seal("李四")
        let error = #expect(throws: PersonalDataVault.VaultError.self) { try PersonalDataVault(secret: Self.newKey).open(sealedOld) }
        #expect(error?.description.contains("PII_KEY") == true)
        #expect(throws: PersonalDataVault.VaultError.self) { try PersonalDataVault(secret: Self.newKey).open(Data("plain text".utf8)) }
    }

    @Test("during rotation both keys open, only the current one seals, and re-sealing is idempotent")
    func rotation() throws {
        let old = PersonalDataVault(secret: Self.oldKey)
        let rotating = PersonalDataVault(secret: Self.newKey, previousSecret: Self.oldKey)
        let current = PersonalDataVault(secret: Self.newKey)
        #expect(rotating.isRotating && !current.isRotating)

        let sealedOld = try old.seal("张三")
        #expect(try rotating.open(sealedOld) == "张三")
        let resealed = try #require(try rotating.resealed(sealedOld))
        #expect(try current.open(resealed) == "张三")
        #expect(try rotating.resealed(resealed) == nil, "what the current key sealed is left alone")
        #expect(throws: PersonalDataVault.VaultError.self) { try old.open(try rotating.seal("赵六")) }

        let third = try PersonalDataVault(secret: "a-third-key-nobody-configured-0123456789").seal("钱七")
        let error = #expect(throws: PersonalDataVault.VaultError.self) { try rotating.resealed(third) }
        #expect(error?.description.contains("PII_PREVIOUS_KEY") == true)
    }

    @Test("PII_KEY, PII_PREVIOUS_KEY and RESEAL_PII from the environment; bad values are named")
    func configurationValues() throws {
        let rotating = try PersonalDataVault(configuration: Self.configuration(["PII_KEY": Self.newKey, "PII_PREVIOUS_KEY": Self.oldKey]))
        #expect(rotating.isRotating)
        #expect(try rotating.open(try PersonalDataVault(secret: Self.oldKey).seal("x")) == "x")
        #expect(try !PersonalDataVault(configuration: Self.configuration(["PII_PREVIOUS_KEY": ""])).isRotating)
        let same = #expect(throws: ConfigurationError.self) {
            try PersonalDataVault(configuration: Self.configuration(["PII_KEY": Self.newKey, "PII_PREVIOUS_KEY": Self.newKey]))
        }
        #expect(same?.description.contains("PII_PREVIOUS_KEY") == true)

        #expect(try PersonalDataVault.resealRequested(Self.configuration([:])) == false)
        #expect(try PersonalDataVault.resealRequested(Self.configuration(["RESEAL_PII": "1"])) == true)
        #expect(try PersonalDataVault.resealRequested(Self.configuration(["RESEAL_PII": "true"])) == true)
        let bad = #expect(throws: ConfigurationError.self) { try PersonalDataVault.resealRequested(Self.configuration(["RESEAL_PII": "maybe"])) }
        #expect(bad?.description.contains("RESEAL_PII") == true)
    }
}
