import AidContracts
import CharityDomain
import PostgresNIO
import ServiceRuntime

/// Applies a roster closure to charity's records as `SchoolClosurePlan` decides: undelivered
/// allocations withdrawn, what the school still lacks moved to its successor or cancelled.
struct SchoolClosure: Sendable {
    let connection: PostgresConnection

    func apply(_ event: RosterEvent.SchoolClosed, outbox: inout OutboxBatch) async throws {
        try await MatchingLock.acquire(on: connection)
        let closed = try await connection.run("""
            UPDATE schools SET status = 'closed', successor_school_id = \(event.successorSchoolId), updated_at = now()
            WHERE school_id = \(event.schoolId) AND status = 'open' RETURNING 1
            """).collect()
        // An unknown school has no needs here; one already closed was handled when it closed.
        guard !closed.isEmpty else { return }

        var needs: [SchoolClosurePlan.Need] = []
        for try await (id, quantity) in try await connection.run("""
            SELECT need_id, quantity FROM needs WHERE school_id = \(event.schoolId) AND status = 'open'
            """).decode((String, Int).self) {
            needs.append(SchoolClosurePlan.Need(needId: id, quantity: quantity))
        }
        var allocations: [SchoolClosurePlan.Allocation] = []
        for try await (id, need, quantity, status) in try await connection.run("""
            SELECT allocation_id, need_id, quantity, status FROM allocations WHERE school_id = \(event.schoolId)
            """).decode((String, String, Int, String).self) {
            guard let status = AllocationStatus(rawValue: status) else { continue }
            allocations.append(SchoolClosurePlan.Allocation(allocationId: id, needId: need, quantity: quantity, status: status))
        }
        let plan = SchoolClosurePlan(successorSchoolId: event.successorSchoolId, openNeeds: needs, allocations: allocations)

        try await AllocationCancelling(connection: connection).cancel(
            plan.cancelledAllocationIds, reason: event.successorSchoolId == nil ? .schoolClosed : .schoolMerged, outbox: &outbox)
        for change in plan.needChanges {
            switch change.outcome {
            case .cancelled:
                try await connection.run("UPDATE needs SET status = 'cancelled' WHERE need_id = \(change.needId)")
            case .moved(let newNeedId, let successor, let quantity):
                try await connection.run("UPDATE needs SET status = 'moved' WHERE need_id = \(change.needId)")
                try await connection.run("""
                    INSERT INTO needs (need_id, assessment_id, school_id, item_code, quantity, condition_score, moved_from_need_id)
                    SELECT \(newNeedId), assessment_id, \(successor), item_code, \(quantity), condition_score, need_id
                    FROM needs WHERE need_id = \(change.needId)
                    ON CONFLICT (need_id) DO NOTHING
                    """)
            }
        }
    }
}
