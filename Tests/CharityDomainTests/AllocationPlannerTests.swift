import AidContracts
import CharityDomain
import Testing

@Suite("Allocation planner")
struct AllocationPlannerTests {
    static func need(_ id: String, school: String, item: String = "computer", outstanding: Int, score: Int, weak: Bool = true) -> OpenNeed {
        OpenNeed(needId: id, schoolId: school, itemCode: item, outstanding: outstanding, conditionScore: score, isWeakTeachingPoint: weak)
    }

    static func line(
        _ pledge: String, _ lineNo: Int = 1, item: String = "computer", form: CharityEvent.PledgeForm = .inKind, units: Int,
        value: Fen = 300_000, sequence: Int64
    ) -> PledgeSupply {
        PledgeSupply(pledgeId: pledge, lineNo: lineNo, donorId: "DONOR-\(pledge)", itemCode: item, form: form, remainingUnits: units, unitValueFen: value, sequence: sequence)
    }

    @Test func worstAssessedSchoolIsServedFirst() {
        let plan = AllocationPlanner.plan(
            needs: [Self.need("B-1", school: "SCH-B", outstanding: 5, score: 40), Self.need("A-1", school: "SCH-A", outstanding: 5, score: 12)],
            supply: [Self.line("PL-1", units: 7, sequence: 1)])
        #expect(plan.allocations.map(\.schoolId) == ["SCH-A", "SCH-B"])
        #expect(plan.allocations.map(\.quantity) == [5, 2])
        #expect(plan.allocations.map(\.priorityRank) == [1, 2])
        #expect(plan.unmet == [UnmetNeed(needId: "B-1", schoolId: "SCH-B", itemCode: "computer", outstanding: 3, priorityRank: 2)])
    }

    @Test func onEqualScoresAWeakTeachingPointComesFirstThenSchoolId() {
        let plan = AllocationPlanner.plan(
            needs: [
                Self.need("A-1", school: "SCH-A", outstanding: 1, score: 30, weak: false),
                Self.need("C-1", school: "SCH-C", outstanding: 1, score: 30),
                Self.need("B-1", school: "SCH-B", outstanding: 1, score: 30),
            ],
            supply: [Self.line("PL-1", units: 3, sequence: 1)])
        #expect(plan.allocations.map(\.schoolId) == ["SCH-B", "SCH-C", "SCH-A"])
    }

    @Test func aPledgeIsNeverOverAllocatedAndANeedNeverOverFilled() {
        let needs = (1...6).map { Self.need("N-\($0)", school: "SCH-\($0)", outstanding: $0, score: $0 * 10) }
        let supply = [Self.line("PL-1", units: 4, sequence: 1), Self.line("PL-2", units: 9, sequence: 2)]
        let plan = AllocationPlanner.plan(needs: needs, supply: supply)
        for line in supply {
            let given = plan.allocations.filter { $0.pledgeId == line.pledgeId }.reduce(0) { $0 + $1.quantity }
            #expect(given <= line.remainingUnits)
        }
        for need in needs {
            let received = plan.allocations.filter { $0.needId == need.needId }.reduce(0) { $0 + $1.quantity }
            let open = plan.unmet.first { $0.needId == need.needId }?.outstanding ?? 0
            #expect(received + open == need.outstanding)
        }
        #expect(plan.allocations.reduce(0) { $0 + $1.quantity } == 13)
    }

    @Test func needsOnlyTakeTheirOwnItem() {
        let plan = AllocationPlanner.plan(
            needs: [Self.need("A-1", school: "SCH-A", item: "desk-stool-set", outstanding: 10, score: 5)],
            supply: [Self.line("PL-1", item: "computer", units: 10, sequence: 1)])
        #expect(plan.allocations.isEmpty)
        #expect(plan.unmet.map(\.outstanding) == [10])
    }

    @Test func goodsAreUsedBeforeMoneyAndOlderPledgesBeforeNewer() {
        let plan = AllocationPlanner.plan(
            needs: [Self.need("A-1", school: "SCH-A", outstanding: 6, score: 5)],
            supply: [
                Self.line("PL-MONEY", form: .money, units: 10, value: 280_000, sequence: 1),
                Self.line("PL-NEW", units: 3, sequence: 3),
                Self.line("PL-OLD", units: 2, sequence: 2),
            ])
        #expect(plan.allocations.map(\.pledgeId) == ["PL-OLD", "PL-NEW", "PL-MONEY"])
        #expect(plan.allocations.map(\.quantity) == [2, 3, 1])
        #expect(plan.allocations.map(\.valueFen) == [600_000, 900_000, 280_000])
    }

    @Test func theOrderOfTheInputsDoesNotChangeThePlan() {
        let needs = [
            Self.need("A-1", school: "SCH-A", outstanding: 3, score: 20), Self.need("A-2", school: "SCH-A", item: "desk-stool-set", outstanding: 30, score: 20),
            Self.need("B-1", school: "SCH-B", outstanding: 4, score: 20), Self.need("C-1", school: "SCH-C", item: "desk-stool-set", outstanding: 12, score: 55),
        ]
        let supply = [
            Self.line("PL-1", units: 5, sequence: 1), Self.line("PL-2", 1, item: "desk-stool-set", form: .money, units: 25, value: 25_000, sequence: 2),
            Self.line("PL-2", 2, units: 1, sequence: 2), Self.line("PL-3", item: "desk-stool-set", units: 10, value: 24_000, sequence: 3),
        ]
        let expected = AllocationPlanner.plan(needs: needs, supply: supply)
        for _ in 0..<20 {
            #expect(AllocationPlanner.plan(needs: needs.shuffled(), supply: supply.shuffled()) == expected)
        }
    }

    @Test func runningAgainOnTheStoredResultAllocatesNothingMore() {
        let needs = [Self.need("A-1", school: "SCH-A", outstanding: 3, score: 20), Self.need("B-1", school: "SCH-B", outstanding: 4, score: 30)]
        let supply = [Self.line("PL-1", units: 5, sequence: 1)]
        let first = AllocationPlanner.plan(needs: needs, supply: supply)
        // What a store does after the first run: outstanding and remaining units go down by what was allocated.
        let needsAfter = needs.map { need in
            var need = need
            need.outstanding -= first.allocations.filter { $0.needId == need.needId }.reduce(0) { $0 + $1.quantity }
            return need
        }
        let supplyAfter = supply.map { line in
            var line = line
            line.remainingUnits -= first.allocations.filter { $0.pledgeId == line.pledgeId }.reduce(0) { $0 + $1.quantity }
            return line
        }
        let second = AllocationPlanner.plan(needs: needsAfter, supply: supplyAfter)
        #expect(second.allocations.isEmpty)
        // Still open, and ranked again among the schools that still lack something.
        #expect(second.unmet.map(\.needId) == first.unmet.map(\.needId))
        #expect(second.unmet.map(\.outstanding) == first.unmet.map(\.outstanding))
    }

    @Test func eachAllocationExplainsItself() throws {
        let plan = AllocationPlanner.plan(
            needs: [Self.need("AS-1-1", school: "SCH-A", outstanding: 10, score: 18), Self.need("AS-2-1", school: "SCH-B", outstanding: 1, score: 60, weak: false)],
            supply: [Self.line("PL-1", units: 6, value: 350_000, sequence: 1)])
        let first = try #require(plan.allocations.first)
        #expect(first.explanation == "school SCH-A ranks 1 of 2 by condition (score 18/100, a weak teaching point); need AS-1-1 lacked 10 computer; "
            + "pledge PL-1 line 1 (goods, 6 left) gives 6 × 3500.00 yuan = 21000.00 yuan")
    }

    @Test func nothingToDoIsAnEmptyPlan() {
        #expect(AllocationPlanner.plan(needs: [], supply: [Self.line("PL-1", units: 5, sequence: 1)]) == AllocationPlan(allocations: [], unmet: []))
        let filled = Self.need("A-1", school: "SCH-A", outstanding: 0, score: 5)
        #expect(AllocationPlanner.plan(needs: [filled], supply: []).unmet.isEmpty)
    }
}
