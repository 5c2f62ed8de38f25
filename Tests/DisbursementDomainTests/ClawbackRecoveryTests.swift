import AidContracts
import DisbursementDomain
import Testing

@Suite("Claw-back orders into ledger recoveries")
struct ClawbackRecoveryTests {
    static let booked: [String: BookedPayment] = Dictionary(uniqueKeysWithValues: [
        payment("pay-1", "ent-1", 50_000),
        payment("pay-2", "ent-2", 125_000),
        payment("pay-3", "ent-3", 80_000, recovered: true),
        payment("pay-9", "ent-9", 50_000, student: "stu-77b0a113"),
    ].map { ($0.paymentId, $0) })

    static func payment(_ id: String, _ entitlement: String, _ amount: Fen, student: String = "stu-5f2c9e81", recovered: Bool = false) -> BookedPayment {
        BookedPayment(
            paymentId: id, entitlementId: entitlement, studentId: student, programCode: "high-school-grant", semester: Fixtures.autumn2026,
            schoolId: "sch-017", townCode: "431022104", amountFen: amount, recovered: recovered)
    }

    static func order(_ payments: [(String, String, Fen)], total: Fen? = nil) -> InspectionEvent.ClawbackOrdered {
        let ordered = payments.map { InspectionEvent.OrderedPayment(paymentId: $0.0, entitlementId: $0.1, semester: Fixtures.autumn2026, amountFen: $0.2) }
        return InspectionEvent.ClawbackOrdered(
            orderId: "CBO-F-1", findingId: "F-1", studentId: "stu-5f2c9e81", schoolId: "sch-017", reason: .fraud,
            payments: ordered, totalFen: total ?? ordered.reduce(0) { $0 + $1.amountFen })
    }

    @Test("each ordered payment becomes one negative recovery of its whole amount")
    func recoversWholePayments() throws {
        let recoveries = try ClawbackRecovery.recoveries(for: Self.order([("pay-2", "ent-2", 125_000), ("pay-1", "ent-1", 50_000)]), booked: Self.booked)
        #expect(recoveries.map(\.paymentId) == ["pay-1", "pay-2"])
        #expect(recoveries.map(\.entry.amountFen) == [-50_000, -125_000])
        #expect(recoveries.allSatisfy { $0.entry.kind == .recovery })
        #expect(LedgerTotals.aggregate(recoveries.map(\.entry), by: .program) == ["high-school-grant": -175_000])
    }

    @Test("a payment an earlier order recovered is not recovered again; an order of nothing recovers nothing")
    func neverTwice() throws {
        #expect(try ClawbackRecovery.recoveries(for: Self.order([("pay-3", "ent-3", 80_000)]), booked: Self.booked).isEmpty)
        #expect(try ClawbackRecovery.recoveries(for: Self.order([]), booked: Self.booked).isEmpty)
    }

    @Test("an order that disagrees with the ledger is refused whole, saying everything that is wrong")
    func disagreementsRefused() {
        let order = Self.order([("pay-1", "ent-1", 50_000), ("pay-404", "ent-404", 10), ("pay-9", "ent-9", 50_000), ("pay-2", "ent-2", 100_000)], total: 1)
        #expect(throws: ClawbackRejection(orderId: "CBO-F-1", problems: [
            "totalFen is 1 but the payments add up to 200010",
            "payment pay-404 is not in the ledger",
            "payment pay-9 was made to student stu-77b0a113, not stu-5f2c9e81",
            "payment pay-2 paid 125000 fen for ent-2, not 100000 fen for ent-2",
        ])) {
            try ClawbackRecovery.recoveries(for: order, booked: Self.booked)
        }
        #expect(throws: ClawbackRejection.self) {
            try ClawbackRecovery.recoveries(for: Self.order([("pay-1", "ent-1", 50_000), ("pay-1", "ent-1", 50_000)]), booked: Self.booked)
        }
    }
}
