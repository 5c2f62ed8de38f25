/// A training centre as submitted: a vocational or technical school, or a township's adult-education counsellors.
public struct CentreDraft: Codable, Sendable, Equatable {
    public var centreId: String
    public var name: String
    public var kind: CentreKind
    public var townCode: String

    public init(centreId: String, name: String, kind: CentreKind, townCode: String) {
        self.centreId = centreId
        self.name = name
        self.kind = kind
        self.townCode = townCode
    }

    /// Every broken rule; empty when the centre can be stored.
    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(centreId, field: "centreId"),
            FieldRules.text(name, field: "name", maximum: 100),
            FieldRules.townCode(townCode, field: "townCode"),
        ].compactMap { $0 }
    }
}
