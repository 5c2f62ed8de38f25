import DisbursementDomain
import Testing

@Suite("Bank confirmation")
struct BankConfirmationTests {
    private let header = "payment_id,status,bank_reference,reason"

    private func parseError(_ text: String) throws -> BankConfirmationError {
        try #require(throws: BankConfirmationError.self) { try BankConfirmation.parse(text) }
    }

    private let confirmation = BankConfirmation(batchId: "B-1", attempt: 1, results: [
        ConfirmationLine(paymentId: "pay-2026A-1", outcome: .paid(bankReference: "SB-B-1-1-1")),
        ConfirmationLine(paymentId: "pay-2026A-2", outcome: .failed(reason: "account closed")),
        ConfirmationLine(paymentId: "pay-2026A-3", outcome: .failed(reason: "name mismatch, see branch")),
    ])

    @Test func rendersTheAgreedLayout() {
        #expect(confirmation.render() == """
            payment_id,status,bank_reference,reason
            pay-2026A-1,PAID,SB-B-1-1-1,
            pay-2026A-2,FAILED,,account closed
            pay-2026A-3,FAILED,,"name mismatch, see branch"
            #total,3,B-1:1

            """)
    }

    @Test func roundTripsThroughText() throws {
        #expect(try BankConfirmation.parse(confirmation.render()) == confirmation)
    }

    @Test func unknownStatusNamesLineAndField() throws {
        let text = "\(header)\npay-1,PAID,SB-1,\npay-2,PAID,SB-2,\npay-3,OK,SB-3,\n#total,3,B-1:1\n"
        let error = try parseError(text)
        #expect(error.line == 4)
        #expect(error.field == "status")
        #expect(error.description == "line 4: status must be PAID or FAILED, got 'OK'")
    }

    @Test(arguments: [
        ("pay-1,PAID,,", "bank_reference", "line 2: bank_reference must not be empty for a PAID payment"),
        ("pay-1,PAID,SB-1,late", "reason", "line 2: reason must be empty for a PAID payment, got 'late'"),
        ("pay-1,FAILED,,", "reason", "line 2: reason must not be empty for a FAILED payment"),
        ("pay-1,FAILED,SB-1,account frozen", "bank_reference", "line 2: bank_reference must be empty for a FAILED payment, got 'SB-1'"),
        (",PAID,SB-1,", "payment_id", "line 2: payment_id must not be empty"),
        ("pay-1,PAID,SB-1", nil, "line 2: expected 4 fields (payment_id,status,bank_reference,reason), got 3"),
    ] as [(String, String?, String)])
    func inconsistentLineNamesLineAndField(line: String, field: String?, description: String) throws {
        let error = try parseError("\(header)\n\(line)\n#total,1,B-1:1\n")
        #expect(error.field == field)
        #expect(error.description == description)
    }

    @Test func duplicatePaymentIdInTextIsRejected() throws {
        let error = try parseError("\(header)\npay-1,PAID,SB-1,\npay-1,FAILED,,account frozen\n#total,2,B-1:1\n")
        #expect(error.description == "line 3: payment_id 'pay-1' already appears on line 2")
    }

    @Test func controlLineIsChecked() throws {
        let wrongCount = try parseError("\(header)\npay-1,PAID,SB-1,\n#total,2,B-1:1\n")
        #expect(wrongCount.description == "line 3: line_count says 2 result lines but the file has 1")
        let missing = try parseError("\(header)\npay-1,PAID,SB-1,\n")
        #expect(missing.line == 2)
        let badHeader = try parseError("payment_id,status\n#total,0,B-1:1\n")
        #expect(badHeader.line == 1)
    }

    @Test func matchingConfirmationValidates() {
        #expect(confirmation.validate(against: Fixtures.paymentFile(3)).isEmpty)
    }

    @Test func partialConfirmationValidates() {
        let partial = BankConfirmation(batchId: "B-1", attempt: 1, results: [confirmation.results[0]])
        #expect(partial.validate(against: Fixtures.paymentFile(3)).isEmpty)
    }

    @Test func unknownPaymentIdIsRejected() {
        var stray = confirmation
        stray.results.append(ConfirmationLine(paymentId: "pay-9999", outcome: .paid(bankReference: "SB-X")))
        #expect(stray.validate(against: Fixtures.paymentFile(3)).map(\.description) == ["payment_id 'pay-9999' is not in batch B-1 attempt 1"])
    }

    @Test func duplicatePaymentIdIsRejected() {
        var twice = confirmation
        twice.results.append(ConfirmationLine(paymentId: "pay-2026A-1", outcome: .failed(reason: "account frozen")))
        let errors = twice.validate(against: Fixtures.paymentFile(3))
        #expect(errors == [BankConfirmationError(line: nil, field: "payment_id", message: "payment_id 'pay-2026A-1' is answered more than once")])
    }

    @Test func confirmationOfAnotherAttemptIsRejected() {
        var retry = Fixtures.paymentFile(3)
        retry.attempt = 2
        let errors = confirmation.validate(against: retry)
        #expect(errors.map(\.field) == ["batch"])
        #expect(errors.first?.message == "the confirmation answers batch B-1 attempt 1, but the file is batch B-1 attempt 2")
    }
}
