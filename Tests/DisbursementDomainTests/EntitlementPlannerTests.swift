import AidContracts
import DisbursementDomain
import Testing

@Suite("Entitlement planner")
struct EntitlementPlannerTests {
    private let semester = Fixtures.autumn2026

    private func student(stage: Stage = .seniorSecondary, tier: NeedTier? = .difficult, active: Bool = true, boarding: Bool = false) -> StudentAidState {
        StudentAidState(studentId: "stu-5f2c9e81", stage: stage, tier: tier, active: active, boarding: boarding)
    }

    @Test func newStudentGetsEveryProgramTheCatalogGives() throws {
        let drafts = try EntitlementPlanner.newEntitlements(for: student(), semester: semester, catalog: .standard, alreadyHeld: [])
        #expect(drafts == [
            EntitlementDraft(programCode: "high-school-grant", amountFen: 100_000, catalogVersion: 1),
            EntitlementDraft(programCode: "tuition-waiver", amountFen: 80_000, catalogVersion: 1),
        ])
    }

    @Test func neverASecondEntitlementForTheSameProgramAndSemester() throws {
        let held: Set = [EntitlementKey(programCode: "high-school-grant", semester: semester)]
        let drafts = try EntitlementPlanner.newEntitlements(
            for: student(tier: .especiallyDifficult), semester: semester, catalog: .standard, alreadyHeld: held)
        #expect(drafts.map(\.programCode) == ["tuition-waiver"])
    }

    @Test func holdingAProgramInAnotherSemesterDoesNotBlockThisOne() throws {
        let held: Set = [EntitlementKey(programCode: "high-school-grant", semester: Fixtures.spring2026)]
        let drafts = try EntitlementPlanner.newEntitlements(for: student(), semester: semester, catalog: .standard, alreadyHeld: held)
        #expect(drafts.map(\.programCode) == ["high-school-grant", "tuition-waiver"])
    }

    @Test func planningTwiceWithTheFirstResultStoredGrantsNothingMore() throws {
        let first = try EntitlementPlanner.newEntitlements(for: student(), semester: semester, catalog: .standard, alreadyHeld: [])
        let held = Set(first.map { EntitlementKey(programCode: $0.programCode, semester: semester) })
        #expect(try EntitlementPlanner.newEntitlements(for: student(), semester: semester, catalog: .standard, alreadyHeld: held).isEmpty)
    }

    @Test func inactiveStudentGetsNothing() throws {
        let withdrawn = student(tier: .especiallyDifficult, active: false)
        #expect(try EntitlementPlanner.newEntitlements(for: withdrawn, semester: semester, catalog: .standard, alreadyHeld: []).isEmpty)
    }

    @Test func unidentifiedStudentGetsNothing() throws {
        #expect(try EntitlementPlanner.newEntitlements(for: student(tier: nil), semester: semester, catalog: .standard, alreadyHeld: []).isEmpty)
    }

    @Test func boardingIsTakenFromTheStudentState() throws {
        let boarder = student(stage: .juniorSecondary, tier: .generallyDifficult, boarding: true)
        let dayPupil = student(stage: .juniorSecondary, tier: .generallyDifficult, boarding: false)
        #expect(try EntitlementPlanner.newEntitlements(for: boarder, semester: semester, catalog: .standard, alreadyHeld: [])
            == [EntitlementDraft(programCode: "boarding-subsidy", amountFen: 62_500, catalogVersion: 1)])
        #expect(try EntitlementPlanner.newEntitlements(for: dayPupil, semester: semester, catalog: .standard, alreadyHeld: []).isEmpty)
    }

    @Test func catalogCannotGrantBeforeItTakesEffect() {
        let next = GrantCatalog(version: 2, effectiveFrom: Fixtures.spring2027, programs: GrantCatalog.standard.programs)
        #expect(throws: EntitlementPlanningError.catalogNotInEffect(catalogVersion: 2, effectiveFrom: Fixtures.spring2027, semester: semester)) {
            try EntitlementPlanner.newEntitlements(for: student(), semester: semester, catalog: next, alreadyHeld: [])
        }
        #expect(EntitlementPlanningError.catalogNotInEffect(catalogVersion: 2, effectiveFrom: Fixtures.spring2027, semester: semester).description
            == "catalog version 2 takes effect from 2027-spring; it cannot grant entitlements for 2026-autumn")
    }

    // MARK: Revocation

    private func entitlement(_ id: String, _ semester: Semester, _ status: ExistingEntitlement.Status, studentId: String = "stu-5f2c9e81") -> ExistingEntitlement {
        ExistingEntitlement(
            entitlementId: id, studentId: studentId, programCode: "high-school-grant", semester: semester, amountFen: 100_000, status: status)
    }

    private var existing: [ExistingEntitlement] {
        [
            entitlement("past-unpaid", Fixtures.spring2026, .unpaid),
            entitlement("past-paid", Fixtures.spring2026, .paid),
            entitlement("current-paid", Fixtures.autumn2026, .paid),
            entitlement("current-unpaid", Fixtures.autumn2026, .unpaid),
            entitlement("current-in-payment", Fixtures.autumn2026, .inPayment),
            entitlement("future-unpaid", Fixtures.spring2027, .unpaid),
            entitlement("future-revoked", Fixtures.spring2027, .revoked),
            entitlement("other-student", Fixtures.autumn2026, .unpaid, studentId: "stu-77b0a113"),
        ]
    }

    @Test(arguments: [EligibilityLoss.Cause.withdrawn, .identificationRevoked, .clawbackOrdered])
    func lossRevokesOnlyUnpaidCurrentAndFutureEntitlements(cause: EligibilityLoss.Cause) {
        let loss = EligibilityLoss(studentId: "stu-5f2c9e81", cause: cause, currentSemester: Fixtures.autumn2026)
        let revoked = EntitlementPlanner.revocations(existing: existing, for: loss)
        #expect(revoked.map(\.entitlementId) == ["current-unpaid", "future-unpaid"])
    }

    @Test func causeNamesTheRevocationReason() {
        #expect(EligibilityLoss.Cause.withdrawn.rawValue == "student-withdrawn")
        #expect(EligibilityLoss.Cause.identificationRevoked.rawValue == "identification-revoked")
        #expect(EligibilityLoss.Cause.clawbackOrdered.rawValue == "clawback-ordered")
    }
}
