import AidContracts

/// Which payments a claw-back order recovers: those selected (or all the student received), never
/// one that belongs to someone else and never one an earlier order already covers, so each payment
/// is recovered at most once.
public enum ClawbackPlan {
    /// - Parameters:
    ///   - known: the student's payments inspection knows of, with the order covering each, if any.
    ///   - selection: payment ids chosen by the inspector; nil for every payment not yet ordered.
    /// - Throws: the problems of the selection, each naming `paymentIds[i]`.
    public static func payments(
        for studentId: String, known: [KnownPayment], selection: [String]?
    ) throws(ClawbackPlanError) -> [InspectionEvent.OrderedPayment] {
        let byId = Dictionary(known.map { ($0.paymentId, $0) }) { first, _ in first }
        guard let selection else {
            return known.filter { $0.studentId == studentId && $0.orderId == nil }.sorted { $0.paymentId < $1.paymentId }.map(\.ordered)
        }
        var problems: [FieldError] = []
        var chosen: [InspectionEvent.OrderedPayment] = []
        var seen = Set<String>()
        for (index, paymentId) in selection.enumerated() {
            let field = "paymentIds[\(index)]"
            guard seen.insert(paymentId).inserted else {
                problems.append(FieldError(field: field, rule: "payment \(paymentId) is listed more than once"))
                continue
            }
            guard let payment = byId[paymentId], payment.studentId == studentId else {
                problems.append(FieldError(field: field, rule: "no confirmed payment \(paymentId) to student \(studentId) is known to inspection"))
                continue
            }
            if let orderId = payment.orderId {
                problems.append(FieldError(field: field, rule: "payment \(paymentId) is already recovered by claw-back order \(orderId)"))
                continue
            }
            chosen.append(payment.ordered)
        }
        guard problems.isEmpty else { throw ClawbackPlanError(problems: problems) }
        return chosen
    }
}

/// Every problem with a claw-back selection.
public struct ClawbackPlanError: Error, Sendable, Equatable {
    public var problems: [FieldError]
}
