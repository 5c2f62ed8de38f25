import AidContracts
import DisbursementDomain
import PostgresNIO
import ServiceRuntime

/// Keeps disbursement's view of students current from identification results and roster changes,
/// and grants or revokes entitlements accordingly.
struct DisbursementEventHandler: EventHandler {
    let consumerGroup = "disbursement"
    let topics: [Topic] = [.identification, .roster]
    let catalogs = CatalogCache()

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        let store = DisbursementStore(connection: connection)
        switch event.type {
        case IdentificationEvent.StudentIdentified.eventType:
            let identified = try event.decode(IdentificationEvent.StudentIdentified.self)
            let student = try await store.upsertIdentified(studentId: identified.studentId, householdId: identified.householdId, placement: identified.placement, tier: identified.tier)
            try await grantOpenSemesters(to: student, store: store, outbox: &outbox)
        case IdentificationEvent.TierChanged.eventType:
            // A new tier applies to entitlements granted from now on; granted ones keep their amount.
            let changed = try event.decode(IdentificationEvent.TierChanged.self)
            let student = try await store.upsertIdentified(studentId: changed.studentId, householdId: changed.householdId, placement: changed.placement, tier: changed.tier)
            try await grantOpenSemesters(to: student, store: store, outbox: &outbox)
        case IdentificationEvent.IdentificationRevoked.eventType:
            let revoked = try event.decode(IdentificationEvent.IdentificationRevoked.self)
            try await store.setUnidentified(studentId: revoked.studentId)
            try await revoke(studentId: revoked.studentId, cause: .identificationRevoked, store: store, outbox: &outbox)
        case RosterEvent.StudentEnrolled.eventType:
            let enrolled = try event.decode(RosterEvent.StudentEnrolled.self)
            try await grantOpenSemesters(to: try await store.upsertEnrolled(enrolled), store: store, outbox: &outbox)
        case RosterEvent.StudentTransferred.eventType:
            try await store.transfer(try event.decode(RosterEvent.StudentTransferred.self))
        case RosterEvent.StudentWithdrawn.eventType:
            let withdrawn = try event.decode(RosterEvent.StudentWithdrawn.self)
            try await store.setEnrolled(studentId: withdrawn.studentId, false)
            try await revoke(studentId: withdrawn.studentId, cause: .withdrawn, store: store, outbox: &outbox)
        case RosterEvent.StudentGraduated.eventType:
            // Graduates keep what the current semester granted them; they get nothing new.
            let graduated = try event.decode(RosterEvent.StudentGraduated.self)
            try await store.setEnrolled(studentId: graduated.studentId, false)
        case RosterEvent.StudentDetailsChanged.eventType:
            // A new stage (e.g. moving up to senior secondary) changes what later semesters grant.
            let changed = try event.decode(RosterEvent.StudentDetailsChanged.self)
            try await grantOpenSemesters(to: try await store.setStage(studentId: changed.studentId, changed.stage), store: store, outbox: &outbox)
        case RosterEvent.SchoolRegistered.eventType:
            // Validated, then not needed here: payments follow students, whose events carry the school.
            _ = try event.decode(RosterEvent.SchoolRegistered.self)
        case RosterEvent.SchoolClosed.eventType:
            // Validated, then not needed here: a merger moves the students first, each as a transfer.
            _ = try event.decode(RosterEvent.SchoolClosed.self)
        default:
            // e.g. coverage-measured: a city-wide figure, no student's entitlement.
            try passOver(event)
        }
    }

    /// `student` as the statement that changed it returned it (nil: no such student here yet).
    private func grantOpenSemesters(to student: DisbursementStore.StudentRow?, store: DisbursementStore, outbox: inout OutboxBatch) async throws {
        guard let student else { return }
        let state = try await store.grantingState()
        guard !state.openSemesters.isEmpty else { return }
        let catalogs = try await catalogs.catalogs(latestVersion: state.latestCatalogVersion, store: store)
        try await EntitlementGranting(store: store).grant(to: [student], in: state.openSemesters, catalogs: catalogs, outbox: &outbox)
    }

    private func revoke(studentId: String, cause: EligibilityLoss.Cause, store: DisbursementStore, outbox: inout OutboxBatch) async throws {
        try await EntitlementGranting(store: store).revokeUnpaid(
            studentId: studentId, cause: cause, openSemesters: try await store.openSemesters(), outbox: &outbox)
    }
}
