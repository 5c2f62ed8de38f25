/// The bank's answer for one payment.
public struct ConfirmationLine: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case paid(bankReference: String)
        case failed(reason: String)
    }

    public var paymentId: String
    public var outcome: Outcome

    public init(paymentId: String, outcome: Outcome) {
        self.paymentId = paymentId
        self.outcome = outcome
    }
}
