import Hummingbird

/// Request context of every service: the authenticated caller, and a larger upload limit for bulk imports.
public struct AidRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: Caller?

    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// A 10,000-row roster import is a few megabytes.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }

    /// The caller, if their role is one of `roles`; otherwise a 403 that names the roles allowed.
    @discardableResult
    public func require(_ roles: Role...) throws -> Caller {
        guard let caller else {
            throw APIError(.unauthorized, field: "Authorization", rule: "a bearer token is required")
        }
        guard roles.contains(caller.role) else {
            throw APIError(.forbidden, field: "role", rule: "role '\(caller.role.rawValue)' may not do this; allowed: \(roles.map(\.rawValue).joined(separator: ", "))")
        }
        return caller
    }
}
