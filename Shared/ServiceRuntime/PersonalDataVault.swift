import Crypto
import Foundation

/// Seals personal data at rest (AES-GCM) and derives a keyed hash (HMAC-SHA256) of resident ID
/// numbers, so registry lists can be matched to students without storing the numbers in the clear.
/// Every service that keeps a name or a number seals it with this, under `PII_KEY`.
///
/// While `PII_KEY` is rotated, `PII_PREVIOUS_KEY` holds the key before it: what it sealed still
/// opens, nothing new is sealed with it, and `RESEAL_PII` re-seals the columns under the current key
/// (`PersonalDataResealer`).
public struct PersonalDataVault: Sendable {
    /// What the vault reads from the environment, for manifest checks (scripts/check-deploy.sh).
    public static let variableNames = ["PII_KEY", "PII_PREVIOUS_KEY", "RESEAL_PII"]

    /// The development key: local runs only, refused where DEPLOYMENT_ENVIRONMENT=production.
    public static let developmentKey = "local-development-pii-key-change-me"

    private struct Keys: Sendable {
        let sealing: SymmetricKey
        let hashing: SymmetricKey

        init(secret: String) {
            let root = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
            sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: root, info: Data("aid-pii-seal".utf8), outputByteCount: 32)
            hashing = HKDF<SHA256>.deriveKey(inputKeyMaterial: root, info: Data("aid-pii-hash".utf8), outputByteCount: 32)
        }
    }

    private let current: Keys
    private let previous: Keys?

    public init(secret: String, previousSecret: String? = nil) {
        current = Keys(secret: secret)
        previous = previousSecret.map(Keys.init(secret:))
    }

    /// `PII_KEY` (the development key when unset) and, during a rotation, `PII_PREVIOUS_KEY`.
    public init(configuration: ServiceConfiguration) throws(ConfigurationError) {
        let secret = try configuration.deployment.refusingDevelopmentKey(
            configuration.setting("PII_KEY", default: Self.developmentKey), developmentKey: Self.developmentKey, variable: "PII_KEY")
        let previous = try configuration.deployment.refusingDevelopmentKey(
            configuration.setting("PII_PREVIOUS_KEY", default: ""), developmentKey: Self.developmentKey, variable: "PII_PREVIOUS_KEY")
        if previous == secret {
            throw .invalid("PII_PREVIOUS_KEY", "equals PII_KEY; set it to the key before the rotation, or leave it empty")
        }
        self.init(secret: secret, previousSecret: previous.isEmpty ? nil : previous)
    }

    /// Whether `RESEAL_PII` asks for a one-shot re-seal (then the service exits, as with MIGRATE_ONLY).
    public static func resealRequested(_ configuration: ServiceConfiguration) throws(ConfigurationError) -> Bool {
        let text = configuration.setting("RESEAL_PII", default: "false").lowercased()
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalid("RESEAL_PII", "must be true or false, got '\(text)'")
        }
    }

    /// True while a previous key is configured.
    public var isRotating: Bool { previous != nil }

    public func seal(_ text: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: current.sealing).combined else {
            throw VaultError.sealingFailed
        }
        return combined
    }

    /// Opens what either key sealed.
    public func open(_ sealed: Data) throws -> String {
        try opened(sealed).text
    }

    /// The sealed text under the current key, or nil when it is sealed under it already.
    public func resealed(_ sealed: Data) throws -> Data? {
        let (text, underCurrentKey) = try opened(sealed)
        return underCurrentKey ? nil : try seal(text)
    }

    private func opened(_ sealed: Data) throws -> (text: String, underCurrentKey: Bool) {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(combined: sealed)
        } catch {
            throw VaultError.unreadable
        }
        if let plain = try? AES.GCM.open(box, using: current.sealing) {
            return (String(decoding: plain, as: UTF8.self), true)
        }
        if let previous, let plain = try? AES.GCM.open(box, using: previous.sealing) {
            return (String(decoding: plain, as: UTF8.self), false)
        }
        throw isRotating ? VaultError.wrongKey("neither PII_KEY nor PII_PREVIOUS_KEY opens it") : VaultError.wrongKey("PII_KEY does not open it")
    }

    /// Hex of HMAC-SHA256 over the normalised number: equal numbers match, the number is not recoverable.
    public func hash(residentID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(residentID.uppercased().utf8), using: current.hashing)
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Sealed text as base64, the form bulk statements pass it in.
    public func sealBase64(_ text: String) throws -> String {
        try seal(text).base64EncodedString()
    }

    public enum VaultError: Error, CustomStringConvertible {
        case sealingFailed
        case unreadable
        case wrongKey(String)

        public var description: String {
            switch self {
            case .sealingFailed: "AES-GCM sealing failed"
            case .unreadable: "the sealed value is not an AES-GCM box (nonce, cipher text, tag)"
            case .wrongKey(let which): "a sealed value cannot be opened: \(which)"
            }
        }
    }
}
