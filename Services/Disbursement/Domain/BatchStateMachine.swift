import AidContracts

/// The life of a payment batch: draft → approved → sent → partially confirmed / confirmed → closed, with
/// failed payments of a confirmed batch going back to draft as a new attempt.
///
/// Every transition is a pure function returning the new batch or the reason it is refused, so the
/// service can store the result and its events in one transaction, or report the refusal as it is.
public enum BatchStateMachine {
    /// A new batch (attempt 1) of `payments`, prepared by `preparedBy`.
    public static func draft(
        batchId: String, semester: Semester, preparedBy: String, payments: [PaymentLine]
    ) -> Result<PaymentBatch, BatchTransitionError> {
        var problems: [String] = []
        if batchId.isEmpty { problems.append("the batch id must not be empty") }
        if preparedBy.isEmpty { problems.append("the id of the person preparing it must not be empty") }
        if payments.isEmpty { problems.append("a batch needs at least one payment") }
        var paymentIds: Set<String> = []
        var entitlementIds: Set<String> = []
        for payment in payments {
            // Empty fields would render a file the bank (and PaymentFile.parse) rejects.
            if payment.paymentId.isEmpty || payment.entitlementId.isEmpty || payment.payeeReference.isEmpty {
                problems.append("payment '\(payment.paymentId)' of entitlement '\(payment.entitlementId)' needs a payment id, an entitlement id and a payee reference")
            }
            if payment.amountFen <= 0 {
                problems.append("payment \(payment.paymentId) is for \(payment.amountFen) fen; a payment must be more than 0")
            }
            if !paymentIds.insert(payment.paymentId).inserted {
                problems.append("payment id \(payment.paymentId) appears more than once")
            }
            if !entitlementIds.insert(payment.entitlementId).inserted {
                problems.append("entitlement \(payment.entitlementId) would be paid more than once")
            }
        }
        guard problems.isEmpty else { return .failure(.invalidDraft(batchId: batchId, problems: problems)) }
        return .success(PaymentBatch(
            batchId: batchId, semester: semester, preparedBy: preparedBy, approvedBy: nil, attempt: 1, state: .draft,
            lines: payments.map { PaymentBatch.Line(payment: $0, status: .pending, attempt: 1) }))
    }

    /// Approval of the current attempt by someone other than the person who prepared it.
    public static func approve(_ batch: PaymentBatch, by approver: String) -> Result<PaymentBatch, BatchTransitionError> {
        guard batch.state == .draft else { return .failure(.wrongState(batchId: batch.batchId, state: batch.state, action: .approve)) }
        guard !approver.isEmpty else { return .failure(.missingActor(batchId: batch.batchId, action: .approve)) }
        guard approver != batch.preparedBy else {
            return .failure(.approverPreparedBatch(batchId: batch.batchId, actor: approver))
        }
        var approved = batch
        approved.approvedBy = approver
        approved.state = .approved
        return .success(approved)
    }

    /// The current attempt's file (`PaymentBatch.paymentFile`) has been handed to the bank.
    public static func send(_ batch: PaymentBatch) -> Result<PaymentBatch, BatchTransitionError> {
        guard batch.state == .approved else { return .failure(.wrongState(batchId: batch.batchId, state: batch.state, action: .send)) }
        var sent = batch
        sent.state = .sent
        return .success(sent)
    }

    /// Applies the bank's answers for the current attempt; the batch is confirmed once every payment of
    /// the attempt is answered. A payment may be answered only once.
    public static func confirm(_ batch: PaymentBatch, with confirmation: BankConfirmation) -> Result<PaymentBatch, BatchTransitionError> {
        guard batch.state == .sent || batch.state == .partiallyConfirmed else {
            return .failure(.wrongState(batchId: batch.batchId, state: batch.state, action: .confirm))
        }
        var problems = confirmation.validate(against: batch.paymentFile)
        let indexById = Dictionary(batch.lines.enumerated().map { ($1.payment.paymentId, $0) }) { first, _ in first }
        var confirmed = batch
        for result in confirmation.results {
            guard let index = indexById[result.paymentId], batch.lines[index].attempt == batch.attempt else { continue }
            guard batch.lines[index].status == .pending else {
                problems.append(BankConfirmationError(
                    line: nil, field: "payment_id",
                    message: "payment_id '\(result.paymentId)' was already answered in an earlier confirmation of this attempt"))
                continue
            }
            confirmed.lines[index].status = switch result.outcome {
            case .paid(let bankReference): .paid(bankReference: bankReference)
            case .failed(let reason): .failed(reason: reason)
            }
        }
        guard problems.isEmpty else { return .failure(.confirmationRejected(batchId: batch.batchId, problems: problems)) }
        let awaiting = confirmed.lines.contains { $0.attempt == confirmed.attempt && $0.status == .pending }
        confirmed.state = awaiting ? .partiallyConfirmed : .confirmed
        return .success(confirmed)
    }

    /// A new attempt carrying the given failed payments, back in draft so it is approved again: the
    /// payee's account may have been corrected in between, and money leaves only with four eyes on it.
    public static func retry(
        _ batch: PaymentBatch, paymentIds: Set<String>, preparedBy: String
    ) -> Result<PaymentBatch, BatchTransitionError> {
        guard batch.state == .confirmed else { return .failure(.wrongState(batchId: batch.batchId, state: batch.state, action: .retry)) }
        guard !preparedBy.isEmpty else { return .failure(.missingActor(batchId: batch.batchId, action: .retry)) }
        guard !paymentIds.isEmpty else {
            return .failure(.invalidDraft(batchId: batch.batchId, problems: ["a retry needs at least one failed payment"]))
        }
        let failed = Set(batch.lines.filter { if case .failed = $0.status { true } else { false } }.map(\.payment.paymentId))
        let notFailed = paymentIds.subtracting(failed)
        guard notFailed.isEmpty else { return .failure(.notRetriable(batchId: batch.batchId, paymentIds: notFailed.sorted())) }

        var retried = batch
        retried.attempt += 1
        retried.preparedBy = preparedBy
        retried.approvedBy = nil
        retried.state = .draft
        for index in retried.lines.indices where paymentIds.contains(retried.lines[index].payment.paymentId) {
            retried.lines[index].status = .pending
            retried.lines[index].attempt = retried.attempt
        }
        return .success(retried)
    }

    /// Ends the batch once the bank has answered everything. Failed payments not retried stay failed;
    /// their entitlements remain unpaid and can go into a later batch.
    public static func close(_ batch: PaymentBatch) -> Result<PaymentBatch, BatchTransitionError> {
        guard batch.state == .confirmed else { return .failure(.wrongState(batchId: batch.batchId, state: batch.state, action: .close)) }
        var closed = batch
        closed.state = .closed
        return .success(closed)
    }
}
