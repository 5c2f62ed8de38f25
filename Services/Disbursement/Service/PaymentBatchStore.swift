import AidContracts
import DisbursementDomain
import Foundation
import PostgresNIO
import ServiceRuntime

/// Loads and saves payment batches as the domain's `PaymentBatch`, inside the caller's transaction.
struct PaymentBatchStore: Sendable {
    let connection: PostgresConnection

    struct Context: Sendable {
        var schoolId: String
        var grants: [String: DisbursementEvent.Grant]
    }

    /// Locks the batch row for the rest of the transaction, so batch operations never interleave;
    /// reads that change nothing pass `locking: false`.
    func load(_ batchId: String, locking: Bool = true) async throws -> (PaymentBatch, Context)? {
        let header = try await connection.run(locking ? """
            SELECT school_id, semester, status, attempt, created_by, approved_by FROM payment_batches
            WHERE batch_id = \(batchId) FOR UPDATE
            """ : """
            SELECT school_id, semester, status, attempt, created_by, approved_by FROM payment_batches
            WHERE batch_id = \(batchId)
            """).collect()
        guard let row = header.first else { return nil }
        let (schoolId, semesterCode, stateText, attempt, createdBy, approvedBy) = try row.decode((String, String, String, Int, String, String?).self)
        guard let semester = Semester(semesterCode), let state = PaymentBatch.State(rawValue: stateText) else {
            throw APIError(.internalServerError, field: "batch", rule: "batch \(batchId) has an unreadable state")
        }
        var lines: [PaymentBatch.Line] = []
        var grants: [String: DisbursementEvent.Grant] = [:]
        let rows = try await connection.run("""
            SELECT p.payment_id, p.entitlement_id, p.payee_reference, p.amount_fen, p.status, p.attempt, p.bank_reference, p.failure_reason,
                   e.student_id, e.program_code, e.school_id, e.town_code
            FROM payments p JOIN entitlements e USING (entitlement_id)
            WHERE p.batch_id = \(batchId) ORDER BY p.payment_id
            """)
        for try await (paymentId, entitlementId, payee, amount, status, lineAttempt, reference, reason, studentId, program, school, town)
            in rows.decode((String, String, String, Int64, String, Int, String?, String?, String, String, String, String).self) {
            let lineStatus: PaymentBatch.Line.Status = switch status {
            case "paid": .paid(bankReference: reference ?? "")
            case "failed": .failed(reason: reason ?? "")
            default: .pending
            }
            lines.append(PaymentBatch.Line(
                payment: PaymentLine(paymentId: paymentId, entitlementId: entitlementId, payeeReference: payee, amountFen: amount),
                status: lineStatus, attempt: lineAttempt))
            grants[paymentId] = DisbursementEvent.Grant(
                entitlementId: entitlementId, studentId: studentId, programCode: program, semester: semester,
                amountFen: amount, schoolId: school, townCode: town)
        }
        let batch = PaymentBatch(
            batchId: batchId, semester: semester, preparedBy: createdBy, approvedBy: approvedBy,
            attempt: attempt, state: state, lines: lines)
        return (batch, Context(schoolId: schoolId, grants: grants))
    }

    func insert(_ batch: PaymentBatch, schoolId: String) async throws {
        try await connection.run("""
            INSERT INTO payment_batches (batch_id, school_id, semester, status, attempt, created_by)
            VALUES (\(batch.batchId), \(schoolId), \(batch.semester.description), \(batch.state.rawValue), \(batch.attempt), \(batch.preparedBy))
            """)
        let payments = batch.lines.map(\.payment)
        try await connection.run("""
            INSERT INTO payments (payment_id, entitlement_id, batch_id, amount_fen, payee_reference, status, attempt)
            SELECT p, e, \(batch.batchId), a, r, 'pending', \(batch.attempt)
            FROM unnest(\(payments.map(\.paymentId))::text[], \(payments.map(\.entitlementId))::text[],
                        \(payments.map(\.amountFen))::bigint[], \(payments.map(\.payeeReference))::text[]) AS u(p, e, a, r)
            """)
        try await connection.run("""
            UPDATE entitlements SET status = 'batched' WHERE entitlement_id = ANY(\(payments.map(\.entitlementId)))
            """)
    }

    /// Saves the batch header and the lines whose status or attempt changed.
    func save(_ batch: PaymentBatch, changedLines: [PaymentBatch.Line]) async throws {
        try await connection.run("""
            UPDATE payment_batches SET status = \(batch.state.rawValue), attempt = \(batch.attempt),
                created_by = \(batch.preparedBy), approved_by = \(batch.approvedBy), updated_at = now()
            WHERE batch_id = \(batch.batchId)
            """)
        if changedLines.isEmpty { return }
        // One statement for all lines (a bank file confirms thousands): parallel arrays, '' for none.
        var ids: [String] = [], statuses: [String] = [], attempts: [Int] = [], references: [String] = [], reasons: [String] = []
        for line in changedLines {
            let (status, reference, reason): (String, String, String) = switch line.status {
            case .pending: ("pending", "", "")
            case .paid(let bankReference): ("paid", bankReference, "")
            case .failed(let failure): ("failed", "", failure)
            }
            ids.append(line.payment.paymentId)
            statuses.append(status)
            attempts.append(line.attempt)
            references.append(reference)
            reasons.append(reason)
        }
        try await connection.run("""
            UPDATE payments p SET status = u.status, attempt = u.attempt, bank_reference = NULLIF(u.reference, ''),
                failure_reason = NULLIF(u.reason, ''), updated_at = now()
            FROM unnest(\(ids)::text[], \(statuses)::text[], \(attempts)::integer[], \(references)::text[], \(reasons)::text[])
                 AS u(id, status, attempt, reference, reason)
            WHERE p.payment_id = u.id
            """)
    }
}
