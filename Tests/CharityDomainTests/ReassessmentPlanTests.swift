import CharityDomain
import Testing

@Suite("Re-assessment: allocations on their way")
struct ReassessmentPlanTests {
    @Test func unitsOnTheirWayFillTheNewNeedForTheSameItem() {
        let plan = ReassessmentPlan(
            newNeeds: [ReassessmentPlan.NewNeed(needId: "AS-2-1", itemCode: "computer", quantity: 6)],
            undelivered: [
                ReassessmentPlan.Undelivered(allocationId: "RUN-000002-0001", itemCode: "computer", quantity: 2),
                ReassessmentPlan.Undelivered(allocationId: "RUN-000001-0003", itemCode: "computer", quantity: 4),
            ])
        #expect(plan.moved == ["RUN-000001-0003": "AS-2-1", "RUN-000002-0001": "AS-2-1"])
        #expect(plan.cancelledAllocationIds.isEmpty)
    }

    @Test func whatNoLongerFitsIsWithdrawn() {
        let plan = ReassessmentPlan(
            newNeeds: [ReassessmentPlan.NewNeed(needId: "AS-2-1", itemCode: "computer", quantity: 5)],
            undelivered: [
                ReassessmentPlan.Undelivered(allocationId: "RUN-000001-0001", itemCode: "computer", quantity: 4),
                ReassessmentPlan.Undelivered(allocationId: "RUN-000001-0002", itemCode: "computer", quantity: 3),
                ReassessmentPlan.Undelivered(allocationId: "RUN-000001-0003", itemCode: "office-desk", quantity: 1),
            ])
        // 4 fit; the next 3 would overfill the need of 5, and office desks are no longer listed.
        #expect(plan.moved == ["RUN-000001-0001": "AS-2-1"])
        #expect(plan.cancelledAllocationIds == ["RUN-000001-0002", "RUN-000001-0003"])
    }
}
