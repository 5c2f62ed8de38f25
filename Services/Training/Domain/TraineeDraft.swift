/// A rural worker signing up for training. Only what training needs is asked: the name for the roll
/// and the certificate, the township, and the household id identification uses (for priority),
/// never an ID number.
public struct TraineeDraft: Codable, Sendable, Equatable {
    public var name: String
    public var townCode: String
    /// The opaque household id from identification, when the worker's household is on the roster.
    public var householdId: String?

    public init(name: String, townCode: String, householdId: String? = nil) {
        self.name = name
        self.townCode = townCode
        self.householdId = householdId
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.text(name, field: "name", maximum: 50),
            FieldRules.townCode(townCode, field: "townCode"),
            householdId.flatMap { FieldRules.identifier($0, field: "householdId") },
        ].compactMap { $0 }
    }
}
