/// An inspector on a review team. `inspectorId` is the subject of their bearer token, which is how a
/// signature is tied to the person; the name stays in inspection's schema.
public struct TeamMember: Codable, Sendable, Hashable {
    public var inspectorId: String
    public var name: String

    public init(inspectorId: String, name: String) {
        self.inspectorId = inspectorId
        self.name = name
    }
}
