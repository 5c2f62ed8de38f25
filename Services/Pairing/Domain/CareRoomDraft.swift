/// A care room for left-behind children (留守儿童之家) at a school: where they do homework, call
/// their parents and meet their volunteers.
public struct CareRoomDraft: Codable, Sendable, Equatable {
    public var roomId: String
    public var schoolId: String
    /// ISO 8601 calendar date the room opened.
    public var openedOn: String
    public var equipment: [EquipmentItem]

    public init(roomId: String, schoolId: String, openedOn: String, equipment: [EquipmentItem]) {
        self.roomId = roomId
        self.schoolId = schoolId
        self.openedOn = openedOn
        self.equipment = equipment
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(roomId, field: "roomId"),
            FieldRules.identifier(schoolId, field: "schoolId"),
            FieldRules.date(openedOn, field: "openedOn"),
        ].compactMap { $0 } + EquipmentItem.validate(equipment, field: "equipment")
    }
}
