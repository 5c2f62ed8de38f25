import Foundation
import Hummingbird
import JWTKit

/// Claims of a bearer token: who (`sub`), in which role, until when.
public struct AccessToken: JWTPayload, Equatable {
    public var sub: SubjectClaim
    public var role: Role
    public var exp: ExpirationClaim

    public init(subject: String, role: Role, expires: Date) {
        sub = SubjectClaim(value: subject)
        self.role = role
        exp = ExpirationClaim(value: expires)
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// The authenticated caller of a request.
public struct Caller: Sendable, Equatable {
    public var subject: String
    public var role: Role
}

/// Signs HS256 bearer tokens with the current key and verifies them with the current key or, during
/// a rotation, the previous one (AUTH_PREVIOUS_SIGNING_KEY), so tokens issued before it stay valid
/// until they expire.
public struct TokenAuthority: Sendable {
    private let current: JWTKeyCollection
    private let previous: JWTKeyCollection?

    /// Refuses a key shorter than `ServiceConfiguration.minimumSigningKeyBytes`, naming the variable.
    public init(signingKey: String, previousSigningKey: String? = nil) async throws(ConfigurationError) {
        current = await Self.keys(try ServiceConfiguration.validSigningKey(signingKey))
        if let previousSigningKey {
            previous = await Self.keys(try ServiceConfiguration.validSigningKey(previousSigningKey, variable: "AUTH_PREVIOUS_SIGNING_KEY"))
        } else {
            previous = nil
        }
    }

    public init(configuration: ServiceConfiguration) async throws(ConfigurationError) {
        try await self.init(signingKey: configuration.authSigningKey, previousSigningKey: configuration.authPreviousSigningKey)
    }

    // Tokens carry no `kid` (those signed before rotation support had none), so each key gets its
    // own collection and verification tries them in turn.
    private static func keys(_ key: String) async -> JWTKeyCollection {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        return keys
    }

    public func sign(subject: String, role: Role, validFor lifetime: TimeInterval = 12 * 3600) async throws -> String {
        try await current.sign(AccessToken(subject: subject, role: role, expires: Date().addingTimeInterval(lifetime)))
    }

    public func verify(_ token: String) async throws -> Caller {
        let claims: AccessToken
        do {
            claims = try await current.verify(token, as: AccessToken.self)
        } catch {
            guard let previous else { throw error }
            claims = try await previous.verify(token, as: AccessToken.self)
        }
        return Caller(subject: claims.sub.value, role: claims.role)
    }
}

/// Rejects requests without a valid bearer token (401) before any handler runs.
public struct BearerAuthenticator: RouterMiddleware {
    public typealias Context = AidRequestContext
    let authority: TokenAuthority

    public init(authority: TokenAuthority) {
        self.authority = authority
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(.unauthorized, field: "Authorization", rule: "a bearer token is required (Authorization: Bearer <token>)")
        }
        var context = context
        do {
            context.caller = try await authority.verify(String(header.dropFirst("Bearer ".count)))
        } catch {
            throw APIError(.unauthorized, field: "Authorization", rule: "the bearer token is invalid or expired")
        }
        return try await next(request, context)
    }
}
