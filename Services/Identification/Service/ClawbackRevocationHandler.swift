import AidContracts
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Revokes the identification of a student whose aid inspection ordered clawed back, and holds the
/// student so the next run does not identify them again from the same facts. Each order is applied
/// once, whatever event carries it: an old order delivered again after a bureau officer lifted the
/// hold must not revoke the student a second time. Nor may a later order of the same finding (for a
/// payment confirmed after it): lifting the hold was the bureau's decision on that finding, and
/// whether the later order arrives before or after the lift is only a matter of timing.
struct ClawbackRevocationHandler: EventHandler {
    /// The reason `IdentificationRevoked` carries, as the contract documents it.
    static let reason = "inspection-finding"

    let consumerGroup = "identification-clawbacks"
    let topics: [Topic] = [.inspection]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch event.type {
        case InspectionEvent.ClawbackOrdered.eventType:
            try await revoke(try event.decode(InspectionEvent.ClawbackOrdered.self), on: connection, outbox: &outbox)
        default:
            // Re-checks, findings without a claw-back and reviews change no identification.
            try passOver(event)
        }
    }

    private func revoke(_ order: InspectionEvent.ClawbackOrdered, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        // The student's row lock orders this against a bureau officer lifting the student's hold
        // (`InspectionHoldRoutes` takes it too): whichever commits second sees what the first did.
        guard try await !connection.run("SELECT 1 FROM students WHERE student_id = \(order.studentId) FOR UPDATE").collect().isEmpty else {
            throw EventRejected("claw-back order \(order.orderId) names student \(order.studentId), who is not on the roster")
        }
        let first = try await connection.run("""
            INSERT INTO applied_clawback_orders (order_id, student_id) VALUES (\(order.orderId), \(order.studentId))
            ON CONFLICT (order_id) DO NOTHING RETURNING 1
            """).collect()
        guard !first.isEmpty else { return }
        let decidedByBureau = try await connection.run("""
            SELECT 1 FROM inspection_holds WHERE finding_id = \(order.findingId) AND lifted_at IS NOT NULL
            """).collect()
        guard decidedByBureau.isEmpty else { return }
        try await connection.run("""
            INSERT INTO inspection_holds (student_id, order_id, finding_id, reason)
            VALUES (\(order.studentId), \(order.orderId), \(order.findingId), \(order.reason.rawValue))
            ON CONFLICT (student_id) WHERE lifted_at IS NULL DO NOTHING
            """)
        let active = try await connection.run("""
            SELECT 1 FROM identifications WHERE student_id = \(order.studentId) AND status = 'active' FOR UPDATE
            """).collect()
        guard !active.isEmpty else { return }
        let evidence = ["inspection:\(order.reason.rawValue)", "clawback-order:\(order.orderId)"]
        let engine = IdentificationEngine(connection: connection)
        let decisionId = try await engine.record(
            order.studentId, outcome: "revoked", tier: nil,
            decision: IdentificationDecision(outcome: .notEligible(evidence: evidence), ruleVersion: "inspection"), evidence: evidence)
        try await engine.revoke(order.studentId, decisionId: decisionId, reason: Self.reason, outbox: &outbox)
    }
}
