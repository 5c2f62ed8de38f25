/// The checklist scored against the equipment standard for rural schools: each item 0–100, where
/// 100 meets the standard and more does not score higher (a school rich in computers is not
/// thereby better off for desks). `overall` is their mean, rounded down; the lower it is, the
/// sooner the school is served by a matching run. Integer arithmetic only, so the same checklist
/// always gives the same score.
public struct ConditionScores: Codable, Sendable, Equatable {
    /// The standard: one computer for every ten pupils, one desk-and-stool set per pupil, one
    /// dust-free blackboard per classroom, one office furniture set per teacher.
    public static let pupilsPerComputer = 10

    public var computers: Int
    public var desksAndStools: Int
    public var dustFreeBlackboards: Int
    public var officeFurniture: Int
    public var buildingCondition: Int

    public init(computers: Int, desksAndStools: Int, dustFreeBlackboards: Int, officeFurniture: Int, buildingCondition: Int) {
        self.computers = computers
        self.desksAndStools = desksAndStools
        self.dustFreeBlackboards = dustFreeBlackboards
        self.officeFurniture = officeFurniture
        self.buildingCondition = buildingCondition
    }

    /// Scores a validated checklist (pupils, classrooms and teachers at least 1).
    public init(_ checklist: ConditionChecklist) {
        let computersNeeded = (checklist.pupils + Self.pupilsPerComputer - 1) / Self.pupilsPerComputer
        self.init(
            computers: Self.share(checklist.computers, of: computersNeeded),
            desksAndStools: Self.share(checklist.deskStoolSets, of: checklist.pupils),
            dustFreeBlackboards: Self.share(checklist.dustFreeBlackboards, of: checklist.classrooms),
            officeFurniture: Self.share(checklist.officeFurnitureSets, of: checklist.teachers),
            buildingCondition: checklist.building.score)
    }

    public var overall: Int {
        (computers + desksAndStools + dustFreeBlackboards + officeFurniture + buildingCondition) / 5
    }

    private static func share(_ have: Int, of needed: Int) -> Int {
        min(100, have * 100 / max(needed, 1))
    }
}
