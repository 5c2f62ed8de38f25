import AidContracts

extension SampleEvents {
    static let charitySamples: [any AidEvent] = [
        CharityEvent.AssessmentRecorded(
            assessmentId: "as-2026-0412", schoolId: "sch-431022-017", townCode: "431022104", assessedOn: "2026-09-10", conditionScore: 34,
            checklist: CharityEvent.ChecklistScores(computers: 16, desksAndStools: 55, dustFreeBlackboards: 25, officeFurniture: 40, buildingCondition: 30),
            needs: [
                CharityEvent.Need(needId: "as-2026-0412-1", itemCode: "computer", quantity: 5),
                CharityEvent.Need(needId: "as-2026-0412-2", itemCode: "desk-stool-set", quantity: 28),
            ]),
        CharityEvent.AllocationMade(
            allocationId: "RUN-000007-0003", runId: "RUN-000007", needId: "as-2026-0412-1", pledgeId: "pl-2026-fed-03", donorId: "donor-city-federation",
            form: .inKind, schoolId: "sch-431022-017", townCode: "431022104", itemCode: "computer", quantity: 5, unitValueFen: 350_000,
            valueFen: 1_750_000, priorityRank: 2, conditionScore: 34),
        CharityEvent.DeliveryConfirmed(
            allocationId: "RUN-000007-0003", pledgeId: "pl-2026-fed-03", donorId: "donor-city-federation", schoolId: "sch-431022-017",
            townCode: "431022104", itemCode: "computer", quantity: 5, valueFen: 1_750_000, deliveredOn: "2026-10-08", acceptedOn: "2026-10-09"),
        CharityEvent.AllocationCancelled(
            allocationId: "RUN-000008-0001", needId: "as-2026-0440-2", pledgeId: "pl-2026-fed-05", schoolId: "sch-431022-044",
            townCode: "431022108", itemCode: "desk-stool-set", quantity: 12, valueFen: 300_000, reason: .schoolMerged),
    ]
}
