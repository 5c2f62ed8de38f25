import Crypto
import Foundation

/// Seals personal data at rest (AES-GCM) and derives a keyed hash (HMAC-SHA256) of resident ID
/// numbers, so registry lists can be matched to students without storing the numbers in the clear.
struct PersonalDataVault: Sendable {
    private let sealingKey: SymmetricKey
    private let hashingKey: SymmetricKey

    /// The development key: local runs only; deployments set `PII_KEY` from a Secret.
    static let developmentKey = "local-development-pii-key-change-me"

    init(secret: String) {
        let root = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        sealingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: root, info: Data("aid-pii-seal".utf8), outputByteCount: 32)
        hashingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: root, info: Data("aid-pii-hash".utf8), outputByteCount: 32)
    }

    func seal(_ text: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: sealingKey).combined else {
            throw VaultError.sealingFailed
        }
        return combined
    }

    func open(_ sealed: Data) throws -> String {
        String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: sealingKey), as: UTF8.self)
    }

    /// Hex of HMAC-SHA256 over the normalised number: equal numbers match, the number is not recoverable.
    func hash(residentID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(residentID.uppercased().utf8), using: hashingKey)
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Sealed text as base64, the form bulk statements pass it in.
    func sealBase64(_ text: String) throws -> String {
        try seal(text).base64EncodedString()
    }

    enum VaultError: Error { case sealingFailed }
}
