/// Someone held accountable for a finding. Names stay in inspection's schema; events never carry them.
public struct AccountablePerson: Codable, Sendable, Equatable {
    public var name: String
    /// Their post, e.g. "class teacher", "aid officer".
    public var position: String

    public init(name: String, position: String) {
        self.name = name
        self.position = position
    }

    func validate(field: String) -> [FieldError] {
        [
            FieldRules.text(name, field: "\(field).name", maximum: 50),
            FieldRules.text(position, field: "\(field).position", maximum: 100),
        ].compactMap { $0 }
    }
}
