import AidContracts
import DisbursementDomain
import ServiceRuntime

/// Grants what students are entitled to in the open semesters, once: the planner skips what they hold,
/// the unique key (student, program, semester) backs it, and events go out only for rows written now.
/// Granting takes three statements for any number of students and semesters (held entitlements,
/// one insert, and what the caller read before), since it runs once per consumed event.
struct EntitlementGranting {
    let store: DisbursementStore

    /// `catalogs` is every catalog version; each semester gets the one in effect for it.
    @discardableResult
    func grant(to students: [DisbursementStore.StudentRow], in semesters: [Semester], catalogs: [GrantCatalog], outbox: inout OutboxBatch) async throws -> Int {
        let inEffect = semesters.compactMap { semester in GrantCatalog.inEffect(for: semester, among: catalogs).map { (semester, $0) } }
        guard !inEffect.isEmpty, !students.isEmpty else { return 0 }
        let held = try await store.heldKeys(studentIds: students.map(\.studentId), semesters: inEffect.map(\.0))
        var wanted: [DisbursementStore.NewEntitlement] = []
        for (semester, catalog) in inEffect {
            for student in students {
                let drafts = try EntitlementPlanner.newEntitlements(
                    for: student.aidState, semester: semester, catalog: catalog, alreadyHeld: held[student.studentId] ?? [])
                wanted += drafts.map { DisbursementStore.NewEntitlement(student: student, semester: semester, draft: $0) }
            }
        }
        var count = 0
        for entitlement in try await store.grant(wanted) {
            try outbox.append(DisbursementEvent.EntitlementGranted(
                grant: DisbursementEvent.Grant(
                    entitlementId: entitlement.entitlementId, studentId: entitlement.student.studentId,
                    programCode: entitlement.draft.programCode, semester: entitlement.semester,
                    amountFen: entitlement.draft.amountFen, schoolId: entitlement.student.schoolId,
                    townCode: entitlement.student.townCode),
                catalogVersion: entitlement.draft.catalogVersion))
            count += 1
        }
        return count
    }

    /// Revokes the student's unpaid entitlements of the open semesters (and later ones); returns their ids.
    @discardableResult
    func revokeUnpaid(studentId: String, cause: EligibilityLoss.Cause, openSemesters: [Semester], outbox: inout OutboxBatch) async throws -> [String] {
        guard let current = openSemesters.first else { return [] }
        let existing = try await store.existingEntitlements(studentId: studentId)
        let loss = EligibilityLoss(studentId: studentId, cause: cause, currentSemester: current)
        let ids = EntitlementPlanner.revocations(existing: existing, for: loss).map(\.entitlementId)
        let revoked = try await store.revoke(entitlementIds: ids, reason: cause.rawValue)
        for grant in revoked {
            try outbox.append(DisbursementEvent.EntitlementRevoked(grant: grant, reason: cause.rawValue))
        }
        return revoked.map(\.entitlementId).sorted()
    }
}
