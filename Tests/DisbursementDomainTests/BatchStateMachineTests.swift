import DisbursementDomain
import Testing

@Suite("Payment batch state machine")
struct BatchStateMachineTests {
    private let clerk = "user-clerk-01"
    private let supervisor = "user-supervisor-07"

    private func draft(_ count: Int = 3) throws -> PaymentBatch {
        try BatchStateMachine.draft(batchId: "B-1", semester: Fixtures.autumn2026, preparedBy: clerk, payments: Fixtures.payments(count)).get()
    }

    private func sent(_ count: Int = 3) throws -> PaymentBatch {
        let approved = try BatchStateMachine.approve(try draft(count), by: supervisor).get()
        return try BatchStateMachine.send(approved).get()
    }

    private func error(_ result: Result<PaymentBatch, BatchTransitionError>) throws -> BatchTransitionError {
        guard case .failure(let error) = result else {
            Issue.record("expected the transition to be refused, got \(result)")
            throw CancellationError()
        }
        return error
    }

    private func answer(_ batch: PaymentBatch, _ outcomes: [(String, ConfirmationLine.Outcome)]) -> BankConfirmation {
        BankConfirmation(batchId: batch.batchId, attempt: batch.attempt, results: outcomes.map { ConfirmationLine(paymentId: $0.0, outcome: $0.1) })
    }

    @Test func draftStartsAtAttemptOneWithEveryPaymentPending() throws {
        let batch = try draft()
        #expect(batch.state == .draft)
        #expect(batch.attempt == 1)
        #expect(batch.lines.allSatisfy { $0.status == .pending && $0.attempt == 1 })
        #expect(batch.paymentFile == Fixtures.paymentFile(3))
    }

    @Test func draftRefusesLinesThatCannotBePaid() throws {
        var payments = Fixtures.payments(2)
        payments.append(PaymentLine(paymentId: "pay-2026A-1", entitlementId: "ent-2026A-2", payeeReference: "payee-2", amountFen: 0))
        let refused = try error(BatchStateMachine.draft(batchId: "B-1", semester: Fixtures.autumn2026, preparedBy: clerk, payments: payments))
        #expect(refused == .invalidDraft(batchId: "B-1", problems: [
            "payment pay-2026A-1 is for 0 fen; a payment must be more than 0",
            "payment id pay-2026A-1 appears more than once",
            "entitlement ent-2026A-2 would be paid more than once",
        ]))
        let empty = try error(BatchStateMachine.draft(batchId: "B-2", semester: Fixtures.autumn2026, preparedBy: clerk, payments: []))
        #expect(empty.description == "batch B-2 cannot be drafted: a batch needs at least one payment")
    }

    @Test func happyPathDraftApprovedSentConfirmedClosed() throws {
        let batch = try sent()
        #expect(batch.state == .sent)
        #expect(batch.approvedBy == supervisor)
        let confirmation = BankStandIn(failureRate: 0, seed: 1).confirm(batch.paymentFile)
        let confirmed = try BatchStateMachine.confirm(batch, with: confirmation).get()
        #expect(confirmed.state == .confirmed)
        #expect(confirmed.lines.map(\.status) == [
            .paid(bankReference: "SB-B-1-1-1"), .paid(bankReference: "SB-B-1-1-2"), .paid(bankReference: "SB-B-1-1-3"),
        ])
        #expect(try BatchStateMachine.close(confirmed).get().state == .closed)
    }

    @Test func creatorCannotApproveTheirOwnBatch() throws {
        let refused = try error(BatchStateMachine.approve(try draft(), by: clerk))
        #expect(refused == .approverPreparedBatch(batchId: "B-1", actor: clerk))
        #expect(refused.description == "batch B-1 was prepared by user-clerk-01; it must be approved by someone else (four-eyes rule)")
    }

    @Test func approvalNeedsAnActor() throws {
        #expect(try error(BatchStateMachine.approve(try draft(), by: "")) == .missingActor(batchId: "B-1", action: .approve))
    }

    @Test func sentBatchCannotBeSentAgain() throws {
        let refused = try error(BatchStateMachine.send(try sent()))
        #expect(refused == .wrongState(batchId: "B-1", state: .sent, action: .send))
        #expect(refused.description == "batch B-1 is sent; only an approved batch can be sent")
    }

    @Test func transitionsOutOfOrderAreRefused() throws {
        let batch = try draft()
        #expect(try error(BatchStateMachine.send(batch)) == .wrongState(batchId: "B-1", state: .draft, action: .send))
        #expect(try error(BatchStateMachine.close(batch)) == .wrongState(batchId: "B-1", state: .draft, action: .close))
        let confirmation = answer(batch, [("pay-2026A-1", .paid(bankReference: "SB-1"))])
        #expect(try error(BatchStateMachine.confirm(batch, with: confirmation)) == .wrongState(batchId: "B-1", state: .draft, action: .confirm))
        let approved = try BatchStateMachine.approve(batch, by: supervisor).get()
        #expect(try error(BatchStateMachine.approve(approved, by: "user-other")) == .wrongState(batchId: "B-1", state: .approved, action: .approve))
        #expect(try error(BatchStateMachine.retry(approved, paymentIds: ["pay-2026A-1"], preparedBy: clerk))
            == .wrongState(batchId: "B-1", state: .approved, action: .retry))
    }

    @Test func partialAnswerLeavesTheBatchPartiallyConfirmedUntilTheRestArrives() throws {
        let batch = try sent()
        let first = try BatchStateMachine.confirm(batch, with: answer(batch, [("pay-2026A-1", .paid(bankReference: "SB-1"))])).get()
        #expect(first.state == .partiallyConfirmed)
        #expect(try error(BatchStateMachine.close(first)).description
            == "batch B-1 is partially-confirmed; only a confirmed batch, with every payment answered, can be closed")
        let rest = answer(batch, [("pay-2026A-2", .paid(bankReference: "SB-2")), ("pay-2026A-3", .failed(reason: "account frozen"))])
        let second = try BatchStateMachine.confirm(first, with: rest).get()
        #expect(second.state == .confirmed)
    }

    @Test func aPaymentCannotBeAnsweredTwice() throws {
        let batch = try sent()
        let first = try BatchStateMachine.confirm(batch, with: answer(batch, [("pay-2026A-1", .paid(bankReference: "SB-1"))])).get()
        let refused = try error(BatchStateMachine.confirm(first, with: answer(batch, [("pay-2026A-1", .failed(reason: "account closed"))])))
        #expect(refused == .confirmationRejected(batchId: "B-1", problems: [
            BankConfirmationError(line: nil, field: "payment_id", message: "payment_id 'pay-2026A-1' was already answered in an earlier confirmation of this attempt"),
        ]))
    }

    @Test func confirmationWithUnknownPaymentOrOtherAttemptIsRejectedWhole() throws {
        let batch = try sent()
        let stray = answer(batch, [("pay-2026A-1", .paid(bankReference: "SB-1")), ("pay-9999", .paid(bankReference: "SB-9"))])
        guard case .confirmationRejected(_, let problems) = try error(BatchStateMachine.confirm(batch, with: stray)) else {
            Issue.record("expected the confirmation to be rejected")
            return
        }
        #expect(problems.map(\.message) == ["payment_id 'pay-9999' is not in batch B-1 attempt 1"])
        let otherAttempt = BankConfirmation(batchId: "B-1", attempt: 2, results: [])
        #expect(try error(BatchStateMachine.confirm(batch, with: otherAttempt)).description.contains("attempt 2"))
    }

    @Test func failedPaymentsAreRetriedInANewAttemptThatNeedsFreshApproval() throws {
        let batch = try sent()
        let confirmed = try BatchStateMachine.confirm(batch, with: answer(batch, [
            ("pay-2026A-1", .paid(bankReference: "SB-1")),
            ("pay-2026A-2", .failed(reason: "name mismatch")),
            ("pay-2026A-3", .failed(reason: "account closed")),
        ])).get()

        let retry = try BatchStateMachine.retry(confirmed, paymentIds: ["pay-2026A-2"], preparedBy: supervisor).get()
        #expect(retry.state == .draft)
        #expect(retry.attempt == 2)
        #expect(retry.approvedBy == nil)
        #expect(retry.paymentFile.attempt == 2)
        #expect(retry.paymentFile.lines.map(\.paymentId) == ["pay-2026A-2"])
        #expect(retry.lines[0].status == .paid(bankReference: "SB-1"))
        #expect(retry.lines[2].status == .failed(reason: "account closed"))

        // Four-eyes again: whoever prepared the retry may not approve it, but the first preparer may.
        #expect(try error(BatchStateMachine.approve(retry, by: supervisor)) == .approverPreparedBatch(batchId: "B-1", actor: supervisor))
        let resent = try BatchStateMachine.send(try BatchStateMachine.approve(retry, by: clerk).get()).get()
        let reconfirmed = try BatchStateMachine.confirm(resent, with: answer(resent, [("pay-2026A-2", .paid(bankReference: "SB-2R"))])).get()
        #expect(reconfirmed.state == .confirmed)
        #expect(reconfirmed.lines.map(\.status) == [
            .paid(bankReference: "SB-1"), .paid(bankReference: "SB-2R"), .failed(reason: "account closed"),
        ])
        #expect(try BatchStateMachine.close(reconfirmed).get().state == .closed)
    }

    @Test func confirmationOfAnEarlierAttemptCannotTouchTheRetry() throws {
        let batch = try sent(2)
        let confirmed = try BatchStateMachine.confirm(batch, with: answer(batch, [
            ("pay-2026A-1", .paid(bankReference: "SB-1")), ("pay-2026A-2", .failed(reason: "account frozen")),
        ])).get()
        let retry = try BatchStateMachine.retry(confirmed, paymentIds: ["pay-2026A-2"], preparedBy: clerk).get()
        let resent = try BatchStateMachine.send(try BatchStateMachine.approve(retry, by: supervisor).get()).get()
        // The bank's first answer, delivered again, names attempt 1 and a payment the retry does not carry.
        let replay = answer(batch, [("pay-2026A-1", .paid(bankReference: "SB-1"))])
        guard case .confirmationRejected(_, let problems) = try error(BatchStateMachine.confirm(resent, with: replay)) else {
            Issue.record("expected the replayed confirmation to be rejected")
            return
        }
        #expect(problems.map(\.field) == ["batch", "payment_id"])
    }

    @Test func onlyFailedPaymentsCanBeRetried() throws {
        let batch = try sent()
        let confirmed = try BatchStateMachine.confirm(batch, with: answer(batch, [
            ("pay-2026A-1", .paid(bankReference: "SB-1")),
            ("pay-2026A-2", .paid(bankReference: "SB-2")),
            ("pay-2026A-3", .failed(reason: "account closed")),
        ])).get()
        let refused = try error(BatchStateMachine.retry(confirmed, paymentIds: ["pay-2026A-3", "pay-2026A-1", "pay-404"], preparedBy: clerk))
        #expect(refused == .notRetriable(batchId: "B-1", paymentIds: ["pay-2026A-1", "pay-404"]))
        #expect(try error(BatchStateMachine.retry(confirmed, paymentIds: [], preparedBy: clerk))
            == .invalidDraft(batchId: "B-1", problems: ["a retry needs at least one failed payment"]))
        #expect(try error(BatchStateMachine.retry(confirmed, paymentIds: ["pay-2026A-3"], preparedBy: ""))
            == .missingActor(batchId: "B-1", action: .retry))
    }

    @Test func closedBatchAcceptsNothingMore() throws {
        let batch = try sent(1)
        let confirmed = try BatchStateMachine.confirm(batch, with: answer(batch, [("pay-2026A-1", .failed(reason: "account frozen"))])).get()
        let closed = try BatchStateMachine.close(confirmed).get()
        #expect(try error(BatchStateMachine.retry(closed, paymentIds: ["pay-2026A-1"], preparedBy: clerk))
            == .wrongState(batchId: "B-1", state: .closed, action: .retry))
        #expect(try error(BatchStateMachine.close(closed)) == .wrongState(batchId: "B-1", state: .closed, action: .close))
    }
}
