import CharityDomain
import Testing

@Suite("Condition checklist scores")
struct ConditionScoresTests {
    static func checklist(
        pupils: Int = 60, computers: Int = 6, deskStoolSets: Int = 60, classrooms: Int = 4, dustFreeBlackboards: Int = 4,
        teachers: Int = 5, officeFurnitureSets: Int = 5, building: BuildingCondition = .sound
    ) -> ConditionChecklist {
        ConditionChecklist(
            pupils: pupils, computers: computers, deskStoolSets: deskStoolSets, classrooms: classrooms,
            dustFreeBlackboards: dustFreeBlackboards, teachers: teachers, officeFurnitureSets: officeFurnitureSets, building: building)
    }

    @Test func aSchoolMeetingTheStandardScoresFull() {
        let scores = ConditionScores(Self.checklist())
        #expect(scores == ConditionScores(computers: 100, desksAndStools: 100, dustFreeBlackboards: 100, officeFurniture: 100, buildingCondition: 100))
        #expect(scores.overall == 100)
    }

    @Test func eachItemIsItsShareOfTheStandardRoundedDown() {
        // 61 pupils need 7 computers (one per ten, rounded up); 2 of 7 is 28%.
        let scores = ConditionScores(Self.checklist(
            pupils: 61, computers: 2, deskStoolSets: 40, classrooms: 3, dustFreeBlackboards: 1, teachers: 4, officeFurnitureSets: 1,
            building: .majorRepairs))
        #expect(scores == ConditionScores(computers: 28, desksAndStools: 65, dustFreeBlackboards: 33, officeFurniture: 25, buildingCondition: 30))
        #expect(scores.overall == (28 + 65 + 33 + 25 + 30) / 5)
    }

    @Test func surplusInOneItemDoesNotMakeUpForAnother() {
        let scores = ConditionScores(Self.checklist(computers: 60, deskStoolSets: 0))
        #expect(scores.computers == 100)
        #expect(scores.desksAndStools == 0)
        #expect(scores.overall == 80)
    }

    @Test("building grades", arguments: [
        (BuildingCondition.sound, 100), (.minorRepairs, 70), (.majorRepairs, 30), (.unsafe, 0),
    ])
    func buildingGrades(condition: BuildingCondition, score: Int) {
        #expect(ConditionScores(Self.checklist(building: condition)).buildingCondition == score)
    }

    @Test func emptySchoolScoresZero() {
        let scores = ConditionScores(Self.checklist(computers: 0, deskStoolSets: 0, dustFreeBlackboards: 0, officeFurnitureSets: 0, building: .unsafe))
        #expect(scores.overall == 0)
    }

    @Test func checklistRulesNameTheField() {
        let problems = Self.checklist(pupils: 0, computers: -1, classrooms: 0, teachers: 900).validate(prefix: "checklist.")
        #expect(problems.map(\.field) == ["checklist.pupils", "checklist.computers", "checklist.classrooms", "checklist.teachers"])
        #expect(problems.first?.rule == "must be between 1 and 5000, got 0")
    }
}
