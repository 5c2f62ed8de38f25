import AidContracts
import PostgresNIO
import ServiceRuntime

/// Withdraws allocations not yet delivered and publishes each withdrawal; their units go back to
/// the pledge lines, because remaining units are computed from allocations that are not cancelled.
struct AllocationCancelling: Sendable {
    let connection: PostgresConnection

    func cancel(_ allocationIds: [String], reason: CharityEvent.CancellationReason, outbox: inout OutboxBatch) async throws {
        if allocationIds.isEmpty { return }
        let rows = try await connection.run("""
            UPDATE allocations SET status = 'cancelled', cancelled_reason = \(reason.rawValue), updated_at = now()
            WHERE allocation_id = ANY(\(allocationIds)) AND status = 'allocated'
            RETURNING allocation_id, need_id, pledge_id, school_id, town_code, item_code, quantity, value_fen
            """)
        for try await (id, need, pledge, school, town, item, quantity, value) in rows.decode((String, String, String, String, String, String, Int, Int64).self) {
            try outbox.append(
                CharityEvent.AllocationCancelled(
                    allocationId: id, needId: need, pledgeId: pledge, schoolId: school, townCode: town, itemCode: item,
                    quantity: quantity, valueFen: value, reason: reason),
                eventID: "allocation-cancelled:\(id)")
        }
    }
}
