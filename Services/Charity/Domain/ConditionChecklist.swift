/// What an assessor counts at a rural teaching point for the condition checklist: the facts, not
/// opinions, so two assessors of the same school arrive at the same score.
public struct ConditionChecklist: Codable, Sendable, Equatable {
    public var pupils: Int
    public var computers: Int
    /// Pupil desk-and-stool sets in usable condition.
    public var deskStoolSets: Int
    public var classrooms: Int
    public var dustFreeBlackboards: Int
    public var teachers: Int
    /// Teacher office sets (desk, chair, cabinet).
    public var officeFurnitureSets: Int
    public var building: BuildingCondition

    public init(
        pupils: Int, computers: Int, deskStoolSets: Int, classrooms: Int, dustFreeBlackboards: Int, teachers: Int,
        officeFurnitureSets: Int, building: BuildingCondition
    ) {
        self.pupils = pupils
        self.computers = computers
        self.deskStoolSets = deskStoolSets
        self.classrooms = classrooms
        self.dustFreeBlackboards = dustFreeBlackboards
        self.teachers = teachers
        self.officeFurnitureSets = officeFurnitureSets
        self.building = building
    }

    /// Every broken rule, each field named under `prefix` (e.g. `checklist.pupils`).
    public func validate(prefix: String) -> [FieldError] {
        [
            FieldRules.range(pupils, 1...5_000, field: "\(prefix)pupils"),
            FieldRules.range(computers, 0...5_000, field: "\(prefix)computers"),
            FieldRules.range(deskStoolSets, 0...10_000, field: "\(prefix)deskStoolSets"),
            FieldRules.range(classrooms, 1...200, field: "\(prefix)classrooms"),
            FieldRules.range(dustFreeBlackboards, 0...400, field: "\(prefix)dustFreeBlackboards"),
            FieldRules.range(teachers, 1...500, field: "\(prefix)teachers"),
            FieldRules.range(officeFurnitureSets, 0...1_000, field: "\(prefix)officeFurnitureSets"),
        ].compactMap { $0 }
    }
}
