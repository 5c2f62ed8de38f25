import AidContracts
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// Issues claw-back orders inside the caller's transaction. A payment belongs to at most one order
/// (the primary key of `clawback_payments`), and order ids are derived from the finding (and, for a
/// payment confirmed after the finding, from that payment), so nothing is ordered twice.
struct ClawbackOrdering: Sendable {
    let connection: PostgresConnection

    struct Finding: Sendable {
        var findingId: String
        var studentId: String
        var schoolId: String
        var kind: InspectionEvent.FindingKind
    }

    /// The student's confirmed payments, each with the order that already covers it, if any.
    func knownPayments(studentId: String) async throws -> [KnownPayment] {
        var payments: [KnownPayment] = []
        let rows = try await connection.run("""
            SELECT p.payment_id, p.entitlement_id, p.semester, p.amount_fen, c.order_id
            FROM payments p LEFT JOIN clawback_payments c USING (payment_id) WHERE p.student_id = \(studentId)
            """)
        for try await (paymentId, entitlementId, semester, amount, orderId) in rows.decode((String, String, String, Int64, String?).self) {
            guard let semester = Semester(semester) else { continue }
            payments.append(KnownPayment(
                paymentId: paymentId, entitlementId: entitlementId, studentId: studentId, semester: semester, amountFen: amount, orderId: orderId))
        }
        return payments
    }

    /// Records the order and publishes it. An order may list no payment: it then only stops the
    /// student's future aid.
    @discardableResult
    func order(_ orderId: String, for finding: Finding, payments: [InspectionEvent.OrderedPayment], outbox: inout OutboxBatch) async throws -> Fen {
        let total = payments.reduce(Fen(0)) { $0 + $1.amountFen }
        try await connection.run("""
            INSERT INTO clawback_orders (order_id, finding_id, student_id, total_fen)
            VALUES (\(orderId), \(finding.findingId), \(finding.studentId), \(total))
            """)
        if !payments.isEmpty {
            try await connection.run("""
                INSERT INTO clawback_payments (payment_id, order_id) SELECT unnest(\(payments.map(\.paymentId))::text[]), \(orderId)
                """)
        }
        try outbox.append(
            InspectionEvent.ClawbackOrdered(
                orderId: orderId, findingId: finding.findingId, studentId: finding.studentId, schoolId: finding.schoolId,
                reason: finding.kind, payments: payments, totalFen: total),
            eventID: "clawback-ordered:\(orderId)")
        return total
    }

    /// A payment confirmed after a finding that recovers every payment of the student (it was still
    /// at the bank when the order went out) is ordered back too.
    func followUp(_ payment: KnownPayment, outbox: inout OutboxBatch) async throws {
        let rows = try await connection.run("""
            SELECT finding_id, school_id, kind FROM findings
            WHERE student_id = \(payment.studentId) AND clawback AND covers_every_payment ORDER BY recorded_on, finding_id LIMIT 1
            """).collect()
        guard let (findingId, schoolId, kindText) = try rows.first?.decode((String, String, String).self),
              let kind = InspectionEvent.FindingKind(rawValue: kindText) else { return }
        let covered = try await connection.run("SELECT 1 FROM clawback_payments WHERE payment_id = \(payment.paymentId)").collect()
        guard covered.isEmpty else { return }
        try await order(
            "CBO-\(findingId)-\(payment.paymentId)",
            for: Finding(findingId: findingId, studentId: payment.studentId, schoolId: schoolId, kind: kind),
            payments: [payment.ordered], outbox: &outbox)
    }
}
