import AidContracts

/// Decides which entitlements to grant and which to revoke. Pure: the caller supplies what is stored.
public enum EntitlementPlanner {
    /// The entitlements to grant `student` for `semester` that they do not hold yet.
    ///
    /// `alreadyHeld` is every (program, semester) the student has an entitlement for, whatever its status:
    /// a student never gets a second entitlement for the same program and semester, even after a tier
    /// change or a revocation, so a semester's grant cannot be paid twice.
    public static func newEntitlements(
        for student: StudentAidState, semester: Semester, catalog: GrantCatalog, alreadyHeld: Set<EntitlementKey>
    ) throws(EntitlementPlanningError) -> [EntitlementDraft] {
        guard catalog.effectiveFrom <= semester else {
            throw .catalogNotInEffect(catalogVersion: catalog.version, effectiveFrom: catalog.effectiveFrom, semester: semester)
        }
        guard student.active, let tier = student.tier else { return [] }
        return catalog.entitlements(stage: student.stage, tier: tier, boarding: student.boarding)
            .filter { !alreadyHeld.contains(EntitlementKey(programCode: $0.programCode, semester: semester)) }
    }

    /// The entitlements to revoke after `loss`: the student's unpaid ones for the current or a later semester.
    ///
    /// Paid entitlements stay (getting money back is a recovery, decided by people, not here) and so do
    /// earlier semesters, for which the student was eligible. Entitlements in a payment file the bank holds
    /// are left alone because the bank may already have paid; if the bank reports them failed they become
    /// unpaid again and the caller asks once more instead of retrying the payment.
    public static func revocations(existing: [ExistingEntitlement], for loss: EligibilityLoss) -> [ExistingEntitlement] {
        existing.filter {
            $0.studentId == loss.studentId && $0.status == .unpaid && $0.semester >= loss.currentSemester
        }
    }
}
