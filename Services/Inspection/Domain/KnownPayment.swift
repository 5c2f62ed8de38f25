import AidContracts

/// A payment inspection learned of from disbursement's `PaymentConfirmed`.
public struct KnownPayment: Sendable, Hashable {
    public var paymentId: String
    public var entitlementId: String
    public var studentId: String
    public var semester: Semester
    public var amountFen: Fen
    /// The claw-back order that already covers it, if any.
    public var orderId: String?

    public init(paymentId: String, entitlementId: String, studentId: String, semester: Semester, amountFen: Fen, orderId: String? = nil) {
        self.paymentId = paymentId
        self.entitlementId = entitlementId
        self.studentId = studentId
        self.semester = semester
        self.amountFen = amountFen
        self.orderId = orderId
    }

    public var ordered: InspectionEvent.OrderedPayment {
        InspectionEvent.OrderedPayment(paymentId: paymentId, entitlementId: entitlementId, semester: semester, amountFen: amountFen)
    }
}
