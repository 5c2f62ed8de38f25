import AidContracts
import InspectionDomain
import Testing

@Suite("Claw-back orders: which payments")
struct ClawbackPlanTests {
    static let autumn = Semester(year: 2026, term: .autumn)
    static let known = [
        KnownPayment(paymentId: "P-2", entitlementId: "E-2", studentId: "STU-1", semester: autumn, amountFen: 100_000),
        KnownPayment(paymentId: "P-1", entitlementId: "E-1", studentId: "STU-1", semester: autumn, amountFen: 50_000),
        KnownPayment(paymentId: "P-3", entitlementId: "E-3", studentId: "STU-1", semester: autumn, amountFen: 25_000, orderId: "CBO-F-0"),
        KnownPayment(paymentId: "P-9", entitlementId: "E-9", studentId: "STU-2", semester: autumn, amountFen: 75_000),
    ]

    @Test("without a selection: every payment of the student not yet ordered, in id order")
    func everything() throws {
        let payments = try ClawbackPlan.payments(for: "STU-1", known: Self.known, selection: nil)
        #expect(payments.map(\.paymentId) == ["P-1", "P-2"])
        #expect(payments.reduce(0) { $0 + $1.amountFen } == 150_000)
        #expect(try ClawbackPlan.payments(for: "STU-3", known: Self.known, selection: nil).isEmpty)
    }

    @Test("a selection takes exactly the payments named")
    func selected() throws {
        #expect(try ClawbackPlan.payments(for: "STU-1", known: Self.known, selection: ["P-2"]).map(\.paymentId) == ["P-2"])
    }

    @Test("another student's, unknown, repeated or already ordered payments are refused, each by index")
    func refusals() {
        do {
            _ = try ClawbackPlan.payments(for: "STU-1", known: Self.known, selection: ["P-9", "P-404", "P-1", "P-1", "P-3"])
            Issue.record("the selection was accepted")
        } catch {
            #expect(error.problems.map(\.field) == ["paymentIds[0]", "paymentIds[1]", "paymentIds[3]", "paymentIds[4]"])
            #expect(error.problems.last?.rule == "payment P-3 is already recovered by claw-back order CBO-F-0")
        }
    }
}
