import AidContracts
import DisbursementDomain
import Foundation
import Testing

@Suite("Payment file")
struct PaymentFileTests {
    private let header = "payment_id,entitlement_id,payee_reference,amount_fen"

    private func parseError(_ text: String) throws -> PaymentFileError {
        try #require(throws: PaymentFileError.self) { try PaymentFile.parse(text) }
    }

    @Test func rendersHeaderLinesAndControlLine() {
        let file = PaymentFile(batchId: "B-1", attempt: 2, semester: Fixtures.autumn2026, lines: [
            PaymentLine(paymentId: "pay-1", entitlementId: "ent-1", payeeReference: "payee-88a1", amountFen: 125_000),
            PaymentLine(paymentId: "pay-2", entitlementId: "ent-2", payeeReference: "payee-77b0", amountFen: 62_500),
        ])
        #expect(file.render() == """
            payment_id,entitlement_id,payee_reference,amount_fen
            pay-1,ent-1,payee-88a1,125000
            pay-2,ent-2,payee-77b0,62500
            #total,2,187500,B-1:2,2026-autumn

            """)
        #expect(file.totalFen == 187_500)
    }

    @Test func roundTripsThroughText() throws {
        let file = Fixtures.paymentFile(25)
        #expect(try PaymentFile.parse(file.render()) == file)
    }

    @Test func roundTripsFieldsThatNeedQuoting() throws {
        let file = PaymentFile(batchId: "batch:2026:10", attempt: 3, semester: Fixtures.spring2027, lines: [
            PaymentLine(paymentId: "pay-1", entitlementId: "ent-1", payeeReference: "ref, with \"quotes\"", amountFen: 1),
            PaymentLine(paymentId: "pay-2", entitlementId: "ent-2", payeeReference: "  padded ", amountFen: 2),
        ])
        #expect(try PaymentFile.parse(file.render()) == file)
    }

    @Test func acceptsWindowsLineEndingsAndBlankLines() throws {
        let text = "\(header)\r\npay-1,ent-1,payee-1,500\r\n\r\n#total,1,500,B-1:1,2026-autumn\r\n\r\n"
        #expect(try PaymentFile.parse(text).lines.map(\.amountFen) == [500])
    }

    @Test func controlSumMismatchIsRejected() throws {
        let text = Fixtures.paymentFile(3).render().replacingOccurrences(of: "#total,3,150000", with: "#total,3,150001")
        let error = try parseError(text)
        #expect(error == PaymentFileError(line: 5, field: "sum_fen", message: "sum_fen says 150001 but the payment lines add up to 150000"))
        #expect(error.description == "line 5: sum_fen says 150001 but the payment lines add up to 150000")
    }

    @Test func controlLineCountMismatchIsRejected() throws {
        // A dropped payment line is what the count is there to catch.
        let lines = Fixtures.paymentFile(3).render().split(separator: "\n").map(String.init)
        let truncated = [lines[0], lines[1], lines[3], lines[4]].joined(separator: "\n")
        let error = try parseError(truncated)
        #expect(error.field == "line_count")
        #expect(error.description == "line 4: line_count says 3 payment lines but the file has 2")
    }

    @Test func missingControlLineIsRejected() throws {
        let error = try parseError("\(header)\npay-1,ent-1,payee-1,500\n")
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("the last line must be the control line"))
    }

    @Test func emptyFileAndWrongHeaderAreRejected() throws {
        #expect(try parseError("").line == 1)
        let error = try parseError("id,amount\n#total,0,0,B-1:1,2026-autumn\n")
        #expect(error.description == "line 1: header must be '\(header)', got 'id,amount'")
    }

    @Test(arguments: [
        ("pay-1,ent-1,payee-1,12.50", "amount_fen", "line 2: amount_fen must be a whole number of fen, got '12.50'"),
        ("pay-1,ent-1,payee-1,-500", "amount_fen", "line 2: amount_fen must be a whole number of fen, got '-500'"),
        ("pay-1,ent-1,payee-1,0", "amount_fen", "line 2: amount_fen must be more than 0, got '0'"),
        ("pay-1,ent-1,,500", "payee_reference", "line 2: payee_reference must not be empty"),
        ("pay-1,ent-1,payee-1", nil, "line 2: expected 4 fields (payment_id,entitlement_id,payee_reference,amount_fen), got 3"),
    ] as [(String, String?, String)])
    func badPaymentLineNamesLineAndField(line: String, field: String?, description: String) throws {
        let error = try parseError("\(header)\n\(line)\n#total,1,500,B-1:1,2026-autumn\n")
        #expect(error.field == field)
        #expect(error.description == description)
    }

    @Test func duplicatePaymentOrEntitlementIsRejected() throws {
        let samePayment = try parseError("\(header)\npay-1,ent-1,p,500\npay-1,ent-2,p,500\n#total,2,1000,B-1:1,2026-autumn\n")
        #expect(samePayment.description == "line 3: payment_id 'pay-1' already appears on line 2")
        let sameEntitlement = try parseError("\(header)\npay-1,ent-1,p,500\npay-2,ent-1,p,500\n#total,2,1000,B-1:1,2026-autumn\n")
        #expect(sameEntitlement.field == "entitlement_id")
        #expect(sameEntitlement.line == 3)
    }

    @Test(arguments: [
        ("#total,1,500,B-1,2026-autumn", "batch"),
        ("#total,1,500,B-1:0,2026-autumn", "batch"),
        ("#total,1,500,B-1:1,2026-winter", "semester"),
        ("#total,one,500,B-1:1,2026-autumn", "line_count"),
    ])
    func badControlFieldIsNamed(control: String, field: String) throws {
        let error = try parseError("\(header)\npay-1,ent-1,payee-1,500\n\(control)\n")
        #expect(error.line == 3)
        #expect(error.field == field)
    }

    @Test func unbalancedQuoteIsReportedOnItsLine() throws {
        let error = try parseError("\(header)\npay-1,ent-1,\"payee\"x,500\n#total,1,500,B-1:1,2026-autumn\n")
        #expect(error.line == 2)
        #expect(error.message.contains("not valid CSV"))
    }
}
