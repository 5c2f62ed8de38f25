import AidContracts

/// One payment in a file for the bank.
public struct PaymentLine: Sendable, Hashable, Codable {
    /// Stays the same across attempts, so a retried payment is recognisably the same payment.
    public var paymentId: String
    public var entitlementId: String
    /// Opaque reference to the payee's account, resolved by the bank; never a name or account number.
    public var payeeReference: String
    public var amountFen: Fen

    public init(paymentId: String, entitlementId: String, payeeReference: String, amountFen: Fen) {
        self.paymentId = paymentId
        self.entitlementId = entitlementId
        self.payeeReference = payeeReference
        self.amountFen = amountFen
    }
}
