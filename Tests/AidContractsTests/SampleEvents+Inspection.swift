import AidContracts

extension SampleEvents {
    static let inspectionSamples: [any AidEvent] = [
        InspectionEvent.RecheckCompleted(
            taskId: "rck-2026-autumn-stu-5f2c9e81", studentId: "stu-5f2c9e81", schoolId: "sch-431022-017",
            semester: Semester(year: 2026, term: .autumn), method: .homeVisit, outcome: .confirmed, completedOn: "2026-11-20"),
        InspectionEvent.FindingRecorded(
            findingId: "fnd-2027-0012", studentId: "stu-5f2c9e81", schoolId: "sch-431022-017", kind: .personalConnection,
            clawback: true, recordedOn: "2027-03-14"),
        InspectionEvent.ClawbackOrdered(
            orderId: "cbo-2027-0004", findingId: "fnd-2027-0012", studentId: "stu-5f2c9e81", schoolId: "sch-431022-017",
            reason: .personalConnection,
            payments: [InspectionEvent.OrderedPayment(
                paymentId: "pay-2026A-000913", entitlementId: "ent-2026A-0007-4411",
                semester: Semester(year: 2026, term: .autumn), amountFen: 50_000)],
            totalFen: 50_000),
        InspectionEvent.ReviewSigned(
            reviewId: "rev-2027S-sch-431022-017", campaignId: "cmp-2027-spring-special", schoolId: "sch-431022-017",
            teamId: "team-431023-a", year: 2027, aidManagementScore: 88, archiveManagementScore: 75, score: 83, signatures: 3,
            signedOn: "2027-04-02"),
    ]
}
