import AidContracts
import DisbursementDomain
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// Payment batches from preparation to the bank's confirmation. Each operation is one transaction
/// holding the batch row lock; the domain's `BatchStateMachine` decides what is allowed.
struct PaymentOperations: Sendable {
    let context: ServiceContext

    struct BatchSummary: ResponseCodable, Sendable {
        var batchId: String
        var schoolId: String
        var semester: String
        var state: String
        var attempt: Int
        var preparedBy: String
        var approvedBy: String?
        var lines: Int
        var totalFen: Fen
        var paid: Int
        var failed: Int
        var pending: Int
    }

    /// Puts every granted, not yet batched entitlement of the semester (optionally of one school)
    /// into one draft batch per school. An entitlement can only ever be in one batch.
    func prepare(semester: Semester, schoolId: String?, preparedBy: String) async throws -> [BatchSummary] {
        try await context.transaction { connection, _ in
            let rows = try await connection.run("""
                SELECT entitlement_id, student_id, school_id, amount_fen FROM entitlements
                WHERE status = 'granted' AND semester = \(semester.description)
                  AND (\(schoolId)::text IS NULL OR school_id = \(schoolId))
                ORDER BY school_id, entitlement_id
                FOR UPDATE SKIP LOCKED
                """)
            var bySchool: [String: [PaymentLine]] = [:]
            for try await (entitlementId, studentId, school, amount) in rows.decode((String, String, String, Int64).self) {
                bySchool[school, default: []].append(PaymentLine(
                    paymentId: "P-\(entitlementId.dropFirst(2))", entitlementId: entitlementId,
                    payeeReference: "student:\(studentId)", amountFen: amount))
            }
            var summaries: [BatchSummary] = []
            let store = PaymentBatchStore(connection: connection)
            for (school, lines) in bySchool.sorted(by: { $0.key < $1.key }) {
                let batchId = "B-\(semester)-\(school)-\(UUID().uuidString.prefix(8).lowercased())"
                let batch = try BatchStateMachine.draft(batchId: batchId, semester: semester, preparedBy: preparedBy, payments: lines).orThrow()
                try await store.insert(batch, schoolId: school)
                summaries.append(Self.summary(batch, schoolId: school))
            }
            return summaries
        }
    }

    func approve(batchId: String, approver: String) async throws -> BatchSummary {
        try await transition(batchId) { batch, _, _ in
            (try BatchStateMachine.approve(batch, by: approver).orThrow(), [])
        }
    }

    /// Marks the batch sent and records its payment file (the current attempt's lines); the bank
    /// exchange delivers the file. Each line's PaymentSent event has a deterministic id per attempt.
    func send(batchId: String) async throws -> BatchSummary {
        try await transition(batchId) { batch, context, connection in
            let sent = try BatchStateMachine.send(batch).orThrow()
            let file = sent.paymentFile
            try await connection.run("""
                INSERT INTO payment_files (batch_id, attempt, content, line_count, total_fen)
                VALUES (\(batchId), \(file.attempt), \(file.render()), \(file.lines.count), \(file.totalFen))
                """)
            let events = try file.lines.map { line -> (DisbursementEvent.PaymentSent, String) in
                guard let grant = context.grants[line.paymentId] else { throw APIError(.internalServerError, field: "payment", rule: "no entitlement for \(line.paymentId)") }
                return (DisbursementEvent.PaymentSent(paymentId: line.paymentId, batchId: batchId, attempt: file.attempt, grant: grant),
                        "sent:\(line.paymentId):\(file.attempt)")
            }
            return (sent, events.map { event, id in { (outbox: inout OutboxBatch) in try outbox.append(event, eventID: id) } })
        }
    }

    enum ConfirmationOutcome: Sendable { case applied(BatchSummary), alreadyApplied(BatchSummary) }

    /// Applies the bank's confirmation file: paid lines are booked in the ledger once (unique per
    /// payment), failed lines become retriable. Applying the same file again changes nothing.
    func applyConfirmation(_ text: String, expectedBatchId: String? = nil) async throws -> ConfirmationOutcome {
        let confirmation: BankConfirmation
        do {
            confirmation = try BankConfirmation.parse(text)
        } catch {
            throw APIError(.unprocessableContent, problems: [APIError.Problem(field: error.field, rule: error.message, line: error.line)])
        }
        if let expectedBatchId, expectedBatchId != confirmation.batchId {
            throw APIError.badRequest("batch", "the confirmation is for batch \(confirmation.batchId), not \(expectedBatchId)")
        }
        return try await context.transaction { connection, outbox in
            guard let (batch, batchContext) = try await PaymentBatchStore(connection: connection).load(confirmation.batchId) else {
                throw APIError.notFound("batch", "no batch \(confirmation.batchId)")
            }
            let recorded = try await connection.run("""
                SELECT confirmed_at IS NOT NULL FROM payment_files WHERE batch_id = \(confirmation.batchId) AND attempt = \(confirmation.attempt)
                """).collect().first?.decode(Bool.self)
            guard let recorded else {
                throw APIError.badRequest("attempt", "batch \(confirmation.batchId) has no payment file for attempt \(confirmation.attempt)")
            }
            if recorded { return .alreadyApplied(Self.summary(batch, schoolId: batchContext.schoolId)) }
            var confirmed = try BatchStateMachine.confirm(batch, with: confirmation).orThrow()
            let failedAny = confirmed.lines.contains { if case .failed = $0.status { true } else { false } }
            if confirmed.state == .confirmed && !failedAny {
                confirmed = try BatchStateMachine.close(confirmed).orThrow()
            }
            let changed = zip(batch.lines, confirmed.lines).filter { $0 != $1 }.map(\.1)
            try await PaymentBatchStore(connection: connection).save(confirmed, changedLines: changed)
            try await connection.run("""
                UPDATE payment_files SET confirmation = \(text), confirmed_at = now()
                WHERE batch_id = \(confirmation.batchId) AND attempt = \(confirmation.attempt)
                """)
            var booked: [Booking] = []
            for line in changed {
                guard let grant = batchContext.grants[line.payment.paymentId] else { continue }
                switch line.status {
                case .paid(let reference):
                    booked.append(Booking(paymentId: line.payment.paymentId, grant: grant, amountFen: line.payment.amountFen, reference: reference))
                    try outbox.append(
                        DisbursementEvent.PaymentConfirmed(paymentId: line.payment.paymentId, batchId: batch.batchId, grant: grant, bankReference: reference),
                        eventID: "confirmed:\(line.payment.paymentId)")
                case .failed(let reason):
                    try outbox.append(
                        DisbursementEvent.PaymentFailed(paymentId: line.payment.paymentId, batchId: batch.batchId, attempt: line.attempt, grant: grant, reason: reason),
                        eventID: "failed:\(line.payment.paymentId):\(line.attempt)")
                case .pending:
                    break
                }
            }
            try await book(booked, on: connection)
            return .applied(Self.summary(confirmed, schoolId: batchContext.schoolId))
        }
    }

    /// Puts the failed lines into a new attempt of the same batch, to be approved and sent again.
    func retry(batchId: String, preparedBy: String) async throws -> BatchSummary {
        try await transition(batchId) { batch, _, _ in
            let failed = Set(batch.lines.filter { if case .failed = $0.status { true } else { false } }.map(\.payment.paymentId))
            return (try BatchStateMachine.retry(batch, paymentIds: failed, preparedBy: preparedBy).orThrow(), [])
        }
    }

    /// Reads without locking: listing batches must not queue behind (or hold up) a send or a
    /// bank confirmation in progress.
    func summary(batchId: String) async throws -> BatchSummary {
        try await context.database.transaction { connection in
            guard let (batch, batchContext) = try await PaymentBatchStore(connection: connection).load(batchId, locking: false) else {
                throw APIError.notFound("batchId", "no batch \(batchId)")
            }
            return Self.summary(batch, schoolId: batchContext.schoolId)
        }
    }

    // MARK: -

    private struct Booking {
        var paymentId: String
        var grant: DisbursementEvent.Grant
        var amountFen: Fen
        var reference: String
    }

    /// Books paid lines in the ledger (once per payment) and marks their entitlements paid: two
    /// statements for the whole file, not two per line.
    private func book(_ bookings: [Booking], on connection: PostgresConnection) async throws {
        if bookings.isEmpty { return }
        let grants = bookings.map(\.grant)
        try await connection.run("""
            INSERT INTO ledger (kind, payment_id, entitlement_id, student_id, program_code, semester, school_id, town_code, amount_fen, reference)
            SELECT 'payment', u.* FROM unnest(
                \(bookings.map(\.paymentId))::text[], \(grants.map(\.entitlementId))::text[], \(grants.map(\.studentId))::text[],
                \(grants.map(\.programCode))::text[], \(grants.map(\.semester.description))::text[], \(grants.map(\.schoolId))::text[],
                \(grants.map(\.townCode))::text[], \(bookings.map(\.amountFen))::bigint[], \(bookings.map(\.reference))::text[]) AS u
            ON CONFLICT (payment_id, kind) DO NOTHING
            """)
        try await connection.run("UPDATE entitlements SET status = 'paid' WHERE entitlement_id = ANY(\(grants.map(\.entitlementId)))")
    }

    private typealias EventWriter = (inout OutboxBatch) throws -> Void

    private func transition(
        _ batchId: String,
        _ change: @escaping (PaymentBatch, PaymentBatchStore.Context, PostgresConnection) async throws -> (PaymentBatch, [EventWriter])
    ) async throws -> BatchSummary {
        try await context.transaction { connection, outbox in
            let store = PaymentBatchStore(connection: connection)
            guard let (batch, batchContext) = try await store.load(batchId) else { throw APIError.notFound("batchId", "no batch \(batchId)") }
            let (updated, events) = try await change(batch, batchContext, connection)
            if updated != batch {
                let changed = zip(batch.lines, updated.lines).filter { $0 != $1 }.map(\.1)
                try await store.save(updated, changedLines: changed)
            }
            for write in events { try write(&outbox) }
            return Self.summary(updated, schoolId: batchContext.schoolId)
        }
    }

    static func summary(_ batch: PaymentBatch, schoolId: String) -> BatchSummary {
        var paid = 0, failed = 0, pending = 0
        for line in batch.lines {
            switch line.status {
            case .paid: paid += 1
            case .failed: failed += 1
            case .pending: pending += 1
            }
        }
        return BatchSummary(
            batchId: batch.batchId, schoolId: schoolId, semester: batch.semester.description, state: batch.state.rawValue,
            attempt: batch.attempt, preparedBy: batch.preparedBy, approvedBy: batch.approvedBy, lines: batch.lines.count,
            totalFen: batch.lines.reduce(0) { $0 + $1.payment.amountFen }, paid: paid, failed: failed, pending: pending)
    }
}

extension Result where Failure == BatchTransitionError {
    /// A refused transition is the caller's mistake: 409 with the state machine's explanation.
    func orThrow() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw APIError.conflict("batch", error.description)
        }
    }
}
