/// A volunteer registered for one-to-one care of left-behind children. The name stays in the
/// pairing service; events carry `volunteerId` only.
public struct VolunteerDraft: Codable, Sendable, Equatable {
    public static let maximumCapacity = 5

    public var volunteerId: String
    public var name: String
    /// The township the volunteer serves; children are matched within it.
    public var townCode: String
    /// The school the volunteer belongs to (a teacher, say), preferred for its own pupils.
    public var schoolId: String?
    /// How many children the volunteer can care for at once.
    public var capacity: Int

    public init(volunteerId: String, name: String, townCode: String, schoolId: String?, capacity: Int) {
        self.volunteerId = volunteerId
        self.name = name
        self.townCode = townCode
        self.schoolId = schoolId
        self.capacity = capacity
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(volunteerId, field: "volunteerId"),
            FieldRules.text(name, field: "name", maximum: 50),
            FieldRules.townCode(townCode, field: "townCode"),
            schoolId.flatMap { FieldRules.identifier($0, field: "schoolId") },
            FieldRules.range(capacity, 1...Self.maximumCapacity, field: "capacity"),
        ].compactMap { $0 }
    }
}
