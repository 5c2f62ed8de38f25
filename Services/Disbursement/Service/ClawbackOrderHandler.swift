import AidContracts
import DisbursementDomain
import PostgresNIO
import ServiceRuntime

/// Applies inspection's claw-back orders, in its own consumer group so a slow or stuck order never
/// holds up identification results. Each order is applied once: the inbox drops a redelivered event,
/// `clawback_orders` drops the same order under another event id, and the ledger's
/// UNIQUE(payment_id, kind) books each payment's recovery at most once across orders.
struct ClawbackOrderHandler: EventHandler {
    let consumerGroup = "disbursement-clawbacks"
    let topics: [Topic] = [.inspection]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch event.type {
        case InspectionEvent.ClawbackOrdered.eventType:
            try await apply(try event.decode(InspectionEvent.ClawbackOrdered.self), on: connection, outbox: &outbox)
        default:
            // Re-checks, findings and reviews move no money.
            try passOver(event)
        }
    }

    private func apply(_ order: InspectionEvent.ClawbackOrdered, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        let seen = try await connection.run("SELECT 1 FROM clawback_orders WHERE order_id = \(order.orderId)").collect()
        guard seen.isEmpty else { return }
        let recoveries: [ClawbackRecovery.Recovery]
        do {
            recoveries = try ClawbackRecovery.recoveries(for: order, booked: try await booked(order.payments.map(\.paymentId), on: connection))
        } catch let rejection as ClawbackRejection {
            throw EventRejected(rejection.description)
        }
        var booked: [DisbursementEvent.Recovery] = []
        for recovery in recoveries {
            let entry = recovery.entry
            let inserted = try await connection.run("""
                INSERT INTO ledger (kind, payment_id, entitlement_id, student_id, program_code, semester, school_id, town_code, amount_fen, reference)
                VALUES ('recovery', \(recovery.paymentId), \(entry.entitlementId), \(order.studentId), \(entry.programCode),
                        \(entry.semester.description), \(entry.schoolId), \(entry.townCode), \(entry.amountFen), \(order.orderId))
                ON CONFLICT (payment_id, kind) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { continue }
            booked.append(DisbursementEvent.Recovery(
                paymentId: recovery.paymentId, entitlementId: entry.entitlementId, programCode: entry.programCode,
                semester: entry.semester, recoveredFen: -entry.amountFen))
        }
        // Nothing more is paid: unpaid entitlements go, and the student counts as unidentified here
        // until identification says otherwise, so opening a semester grants them nothing new.
        let store = DisbursementStore(connection: connection)
        try await store.setUnidentified(studentId: order.studentId)
        let revoked = try await EntitlementGranting(store: store).revokeUnpaid(
            studentId: order.studentId, cause: .clawbackOrdered, openSemesters: try await store.openSemesters(), outbox: &outbox)
        let total = booked.reduce(Fen(0)) { $0 + $1.recoveredFen }
        try await connection.run("""
            INSERT INTO clawback_orders (order_id, finding_id, student_id, reason, ordered_fen, recovered_fen)
            VALUES (\(order.orderId), \(order.findingId), \(order.studentId), \(order.reason.rawValue), \(order.totalFen), \(total))
            """)
        try outbox.append(
            DisbursementEvent.ClawbackRecovered(
                orderId: order.orderId, studentId: order.studentId, recoveries: booked, totalRecoveredFen: total, revokedEntitlementIds: revoked),
            eventID: "clawback-recovered:\(order.orderId)")
    }

    private func booked(_ paymentIds: [String], on connection: PostgresConnection) async throws -> [String: BookedPayment] {
        var payments: [String: BookedPayment] = [:]
        let rows = try await connection.run("""
            SELECT l.payment_id, l.entitlement_id, l.student_id, l.program_code, l.semester, l.school_id, l.town_code, l.amount_fen,
                   EXISTS (SELECT 1 FROM ledger r WHERE r.payment_id = l.payment_id AND r.kind = 'recovery')
            FROM ledger l WHERE l.kind = 'payment' AND l.payment_id = ANY(\(paymentIds))
            """)
        for try await (paymentId, entitlementId, studentId, program, semester, school, town, amount, recovered)
            in rows.decode((String, String, String, String, String, String, String, Int64, Bool).self) {
            guard let semester = Semester(semester) else { continue }
            payments[paymentId] = BookedPayment(
                paymentId: paymentId, entitlementId: entitlementId, studentId: studentId, programCode: program, semester: semester,
                schoolId: school, townCode: town, amountFen: amount, recovered: recovered)
        }
        return payments
    }
}
