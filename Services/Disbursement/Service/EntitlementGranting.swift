import AidContracts
import DisbursementDomain
import ServiceRuntime

/// Grants what students are entitled to in the open semesters, once: the planner skips what they hold,
/// the unique key (student, program, semester) backs it, and events go out only for rows written now.
struct EntitlementGranting {
    let store: DisbursementStore
    let catalogs: [GrantCatalog]

    init(store: DisbursementStore) async throws {
        self.store = store
        catalogs = try await store.catalogs()
    }

    @discardableResult
    func grant(to students: [DisbursementStore.StudentRow], in semesters: [Semester], outbox: inout OutboxBatch) async throws -> Int {
        var count = 0
        for semester in semesters {
            guard let catalog = GrantCatalog.inEffect(for: semester, among: catalogs) else { continue }
            let held = try await store.heldKeys(studentIds: students.map(\.studentId), semester: semester)
            var wanted: [DisbursementStore.NewEntitlement] = []
            for student in students {
                let drafts = try EntitlementPlanner.newEntitlements(
                    for: student.aidState, semester: semester, catalog: catalog, alreadyHeld: held[student.studentId] ?? [])
                wanted += drafts.map { DisbursementStore.NewEntitlement(student: student, semester: semester, draft: $0) }
            }
            for entitlement in try await store.grant(wanted) {
                try outbox.append(DisbursementEvent.EntitlementGranted(
                    grant: DisbursementEvent.Grant(
                        entitlementId: entitlement.entitlementId, studentId: entitlement.student.studentId,
                        programCode: entitlement.draft.programCode, semester: semester,
                        amountFen: entitlement.draft.amountFen, schoolId: entitlement.student.schoolId,
                        townCode: entitlement.student.townCode),
                    catalogVersion: entitlement.draft.catalogVersion))
                count += 1
            }
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
