import CharityDomain
import Testing

@Suite("School closure: needs and allocations")
struct SchoolClosurePlanTests {
    let needs = [SchoolClosurePlan.Need(needId: "N-2", quantity: 10), SchoolClosurePlan.Need(needId: "N-1", quantity: 4)]
    let allocations = [
        SchoolClosurePlan.Allocation(allocationId: "RUN-1-2", needId: "N-2", quantity: 3, status: .accepted),
        SchoolClosurePlan.Allocation(allocationId: "RUN-1-3", needId: "N-2", quantity: 2, status: .delivered),
        SchoolClosurePlan.Allocation(allocationId: "RUN-2-1", needId: "N-2", quantity: 5, status: .allocated),
        SchoolClosurePlan.Allocation(allocationId: "RUN-1-1", needId: "N-1", quantity: 4, status: .accepted),
        SchoolClosurePlan.Allocation(allocationId: "RUN-0-1", needId: "N-1", quantity: 2, status: .cancelled),
    ]

    @Test func aMergerWithdrawsUndeliveredUnitsAndMovesWhatIsStillLacking() {
        let plan = SchoolClosurePlan(successorSchoolId: "SCH-B", openNeeds: needs, allocations: allocations)
        #expect(plan.cancelledAllocationIds == ["RUN-2-1"])
        // N-2: 10 asked, 5 arrived (accepted or delivered), so 5 move; N-1 got everything and stays.
        #expect(plan.needChanges == [
            SchoolClosurePlan.NeedChange(needId: "N-2", outcome: .moved(newNeedId: "N-2-to-SCH-B", successorSchoolId: "SCH-B", quantity: 5)),
        ])
    }

    @Test func aClosureCancelsWhatIsStillLacking() {
        let plan = SchoolClosurePlan(successorSchoolId: nil, openNeeds: needs, allocations: allocations)
        #expect(plan.cancelledAllocationIds == ["RUN-2-1"])
        #expect(plan.needChanges == [SchoolClosurePlan.NeedChange(needId: "N-2", outcome: .cancelled(outstanding: 5))])
    }

    @Test func aSchoolWithNothingOpenChangesNothing() {
        let plan = SchoolClosurePlan(successorSchoolId: "SCH-B", openNeeds: [], allocations: [])
        #expect(plan.cancelledAllocationIds.isEmpty)
        #expect(plan.needChanges.isEmpty)
    }
}
