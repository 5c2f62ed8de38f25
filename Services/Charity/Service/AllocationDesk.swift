import AidContracts
import CharityDomain
import PostgresNIO
import ServiceRuntime

/// Records the delivery of an allocation (the federation's side) and its acceptance by the school,
/// which is when the delivery counts as confirmed and is published.
struct AllocationDesk: Sendable {
    let context: ServiceContext

    func deliver(_ allocationId: String, on deliveredOn: String, by actor: String) async throws -> AllocationView {
        try [FieldRules.date(deliveredOn, field: "deliveredOn")].compactMap { $0 }.throwIfAny()
        return try await context.transaction { connection, _ in
            let (status, schoolId, schoolOpen, _) = try await lock(allocationId, on: connection)
            do throws(AllocationTransitionError) {
                _ = try AllocationLifecycle.deliver(allocationId: allocationId, status: status, schoolId: schoolId, schoolOpen: schoolOpen)
            } catch {
                throw error.apiError
            }
            try await connection.run("""
                UPDATE allocations SET status = 'delivered', delivered_on = \(deliveredOn)::date, delivered_by = \(actor), updated_at = now()
                WHERE allocation_id = \(allocationId)
                """)
            return try await view(allocationId, on: connection)
        }
    }

    func accept(_ allocationId: String, on acceptedOn: String, by actor: String) async throws -> AllocationView {
        try [FieldRules.date(acceptedOn, field: "acceptedOn")].compactMap { $0 }.throwIfAny()
        return try await context.transaction { connection, outbox in
            let (status, _, _, deliveredOn) = try await lock(allocationId, on: connection)
            do throws(AllocationTransitionError) {
                _ = try AllocationLifecycle.accept(allocationId: allocationId, status: status, deliveredOn: deliveredOn, acceptedOn: acceptedOn)
            } catch {
                throw error.apiError
            }
            try await connection.run("""
                UPDATE allocations SET status = 'accepted', accepted_on = \(acceptedOn)::date, accepted_by = \(actor), updated_at = now()
                WHERE allocation_id = \(allocationId)
                """)
            let allocation = try await view(allocationId, on: connection)
            try outbox.append(
                CharityEvent.DeliveryConfirmed(
                    allocationId: allocationId, pledgeId: allocation.pledgeId, donorId: allocation.donorId, schoolId: allocation.schoolId,
                    townCode: allocation.townCode, itemCode: allocation.itemCode, quantity: allocation.quantity, valueFen: allocation.valueFen,
                    deliveredOn: allocation.deliveredOn ?? acceptedOn, acceptedOn: acceptedOn),
                eventID: "delivery-confirmed:\(allocationId)")
            return allocation
        }
    }

    /// The allocation's status, school and delivery day, its row locked until the transaction ends.
    private func lock(_ allocationId: String, on connection: PostgresConnection) async throws -> (AllocationStatus, String, Bool, String?) {
        let rows = try await connection.run("""
            SELECT a.status, a.school_id, coalesce(s.status = 'open', false), a.delivered_on::text
            FROM allocations a LEFT JOIN schools s ON s.school_id = a.school_id
            WHERE a.allocation_id = \(allocationId) FOR UPDATE OF a
            """).collect()
        guard let (status, school, open, deliveredOn) = try rows.first?.decode((String, String, Bool, String?).self),
              let parsed = AllocationStatus(rawValue: status) else {
            throw APIError.notFound("id", "no allocation '\(allocationId)'")
        }
        return (parsed, school, open, deliveredOn)
    }

    private func view(_ allocationId: String, on connection: PostgresConnection) async throws -> AllocationView {
        guard let view = try await AllocationView.load(AllocationView.Filter(allocationId: allocationId), on: connection).first else {
            throw APIError.notFound("id", "no allocation '\(allocationId)'")
        }
        return view
    }
}
