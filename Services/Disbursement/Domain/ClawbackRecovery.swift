import AidContracts

/// Turns an inspection claw-back order into ledger recoveries. Every payment the order names must be
/// one the ledger booked for that student, for the same entitlement and amount: anything else means
/// the order and the ledger disagree, and no money is moved on a guess. A payment already recovered
/// is not recovered again, so the ledger never books more than was paid.
public enum ClawbackRecovery {
    public struct Recovery: Sendable, Hashable {
        public var paymentId: String
        /// Kind `recovery`, negative: the whole amount of the payment.
        public var entry: LedgerEntry
    }

    /// - Parameter booked: the ledger's payments, by payment id (at least those the order names).
    /// - Throws: every disagreement between the order and the ledger.
    public static func recoveries(for order: InspectionEvent.ClawbackOrdered, booked: [String: BookedPayment]) throws(ClawbackRejection) -> [Recovery] {
        var problems: [String] = []
        let orderedTotal = order.payments.reduce(Fen(0)) { $0 + $1.amountFen }
        if orderedTotal != order.totalFen {
            problems.append("totalFen is \(order.totalFen) but the payments add up to \(orderedTotal)")
        }
        if Set(order.payments.map(\.paymentId)).count != order.payments.count {
            problems.append("a payment is listed more than once")
        }
        var recoveries: [Recovery] = []
        for ordered in order.payments {
            guard let payment = booked[ordered.paymentId] else {
                problems.append("payment \(ordered.paymentId) is not in the ledger")
                continue
            }
            if payment.studentId != order.studentId {
                problems.append("payment \(ordered.paymentId) was made to student \(payment.studentId), not \(order.studentId)")
            } else if payment.entitlementId != ordered.entitlementId || payment.amountFen != ordered.amountFen {
                problems.append("payment \(ordered.paymentId) paid \(payment.amountFen) fen for \(payment.entitlementId), not \(ordered.amountFen) fen for \(ordered.entitlementId)")
            } else if !payment.recovered {
                do {
                    recoveries.append(Recovery(paymentId: payment.paymentId, entry: try LedgerEntry(
                        kind: .recovery, amountFen: -payment.amountFen, entitlementId: payment.entitlementId, programCode: payment.programCode,
                        semester: payment.semester, schoolId: payment.schoolId, townCode: payment.townCode)))
                } catch {
                    problems.append("payment \(ordered.paymentId): \(error.message)")
                }
            }
        }
        guard problems.isEmpty else { throw ClawbackRejection(orderId: order.orderId, problems: problems) }
        return recoveries.sorted { $0.paymentId < $1.paymentId }
    }
}

/// A claw-back order that does not match the ledger, with everything that is wrong with it.
public struct ClawbackRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var orderId: String
    public var problems: [String]

    public init(orderId: String, problems: [String]) {
        self.orderId = orderId
        self.problems = problems
    }

    public var description: String { "claw-back order \(orderId) does not match the ledger: \(problems.joined(separator: "; "))" }
}
