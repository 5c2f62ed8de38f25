import AidContracts

/// One realistic value of every event type, as a producer would publish it.
enum SampleEvents {
    static let grant = DisbursementEvent.Grant(
        entitlementId: "ent-2026A-0007-4411", studentId: "stu-5f2c9e81", programCode: "boarding-subsidy-primary",
        semester: Semester(year: 2026, term: .autumn), amountFen: 50_000, schoolId: "sch-431022-017",
        townCode: "431022104")

    static let placement = IdentificationEvent.Placement(schoolId: "sch-431022-017", townCode: "431022104", stage: .primary)

    static let all: [any AidEvent] = [
        RosterEvent.SchoolRegistered(
            schoolId: "sch-431022-017", townCode: "431022104", districtCode: "431022",
            stages: [.preschool, .primary], isRural: true, servesKeyPovertyVillage: true, isWeakTeachingPoint: false),
        RosterEvent.SchoolClosed(schoolId: "sch-431022-044", successorSchoolId: "sch-431022-017", effectiveDate: "2027-02-15"),
        RosterEvent.StudentEnrolled(
            studentId: "stu-5f2c9e81", householdId: "hh-88a1d0", schoolId: "sch-431022-017", townCode: "431022104",
            stage: .primary, grade: 3, leftBehind: true, effectiveDate: "2026-09-01"),
        RosterEvent.StudentTransferred(
            studentId: "stu-5f2c9e81", fromSchoolId: "sch-431022-017", toSchoolId: "sch-431022-031",
            townCode: "431022108", stage: .primary, effectiveDate: "2027-02-20"),
        RosterEvent.StudentGraduated(studentId: "stu-77b0a113", schoolId: "sch-431022-031", effectiveDate: "2026-07-01"),
        RosterEvent.StudentWithdrawn(studentId: "stu-1c93e0fa", schoolId: "sch-431022-017", effectiveDate: "2026-11-15"),
        RosterEvent.StudentDetailsChanged(
            studentId: "stu-5f2c9e81", schoolId: "sch-431022-017", stage: .juniorSecondary, grade: 7, leftBehind: false),
        IdentificationEvent.StudentIdentified(
            decisionId: "dec-2026-000412", studentId: "stu-5f2c9e81", householdId: "hh-88a1d0", placement: placement,
            tier: .especiallyDifficult, ruleVersion: "2026.1", basis: ["registry:dibao", "survey:income-below-threshold"]),
        IdentificationEvent.TierChanged(
            decisionId: "dec-2027-000058", studentId: "stu-5f2c9e81", householdId: "hh-88a1d0", placement: placement,
            previousTier: .especiallyDifficult, tier: .difficult, ruleVersion: "2027.1", basis: ["survey:income-below-threshold"]),
        IdentificationEvent.IdentificationRevoked(
            decisionId: "dec-2027-000311", studentId: "stu-5f2c9e81", reason: "no-longer-eligible"),
        IdentificationEvent.CoverageMeasured(
            measurementId: "cov-6b1f0c2e", measuredAt: "2026-09-20T08:00:00.000Z", listed: 5_217, identified: 5_203, held: 2,
            byTown: [.init(townCode: "431022104", listed: 412, identified: 410, held: 1)]),
        DisbursementEvent.EntitlementGranted(grant: grant, catalogVersion: 4),
        DisbursementEvent.EntitlementRevoked(grant: grant, reason: "identification-revoked"),
        DisbursementEvent.PaymentSent(paymentId: "pay-2026A-000913", batchId: "batch-2026-10-15-01", attempt: 1, grant: grant),
        DisbursementEvent.PaymentConfirmed(
            paymentId: "pay-2026A-000913", batchId: "batch-2026-10-15-01", grant: grant, bankReference: "RCC20261015000913"),
        DisbursementEvent.PaymentFailed(
            paymentId: "pay-2026A-000913", batchId: "batch-2026-10-15-01", attempt: 2, grant: grant,
            reason: "account-closed"),
        DisbursementEvent.ClawbackRecovered(
            orderId: "cbo-2027-0004", studentId: "stu-5f2c9e81",
            recoveries: [DisbursementEvent.Recovery(
                paymentId: "pay-2026A-000913", entitlementId: "ent-2026A-0007-4411", programCode: "boarding-subsidy-primary",
                semester: Semester(year: 2026, term: .autumn), recoveredFen: 50_000)],
            totalRecoveredFen: 50_000, revokedEntitlementIds: ["ent-2027S-0007-4411"]),
    ] + charitySamples + pairingSamples + trainingSamples + inspectionSamples

    // A closure, not `\.eventType`: a key path to a static member through an existential
    // metatype crashes the Swift 6.3.1 compiler inside @Test(arguments:).
    static let eventTypes: [String] = EventCatalog.all.map { $0.eventType }

    static func sample(for type: any AidEvent.Type) -> (any AidEvent)? {
        all.first { Swift.type(of: $0).eventType == type.eventType }
    }
}
