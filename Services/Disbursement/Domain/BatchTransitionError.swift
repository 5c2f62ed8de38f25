/// Why a batch could not make a transition.
public enum BatchTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Action: String, Sendable, Hashable {
        case approve, send, confirm, retry, close
    }

    /// The action is not allowed in the batch's current state.
    case wrongState(batchId: String, state: PaymentBatch.State, action: Action)
    /// Four-eyes: the person who prepared an attempt may not approve it.
    case approverPreparedBatch(batchId: String, actor: String)
    /// An actor id was empty, so nobody would be accountable for the step.
    case missingActor(batchId: String, action: Action)
    /// A new batch, or a new attempt of one, cannot be drafted as asked.
    case invalidDraft(batchId: String, problems: [String])
    /// The confirmation does not answer this attempt, or answers a payment already answered.
    case confirmationRejected(batchId: String, problems: [BankConfirmationError])
    /// Only payments the bank failed may go into a new attempt.
    case notRetriable(batchId: String, paymentIds: [String])

    public var description: String {
        switch self {
        case .wrongState(let batchId, let state, let action):
            "batch \(batchId) is \(state.rawValue); \(Self.requirement(for: action))"
        case .approverPreparedBatch(let batchId, let actor):
            "batch \(batchId) was prepared by \(actor); it must be approved by someone else (four-eyes rule)"
        case .missingActor(let batchId, let action):
            "batch \(batchId): \(action.rawValue) needs the id of the person doing it"
        case .invalidDraft(let batchId, let problems):
            "batch \(batchId) cannot be drafted: " + problems.joined(separator: "; ")
        case .confirmationRejected(let batchId, let problems):
            "confirmation rejected for batch \(batchId): " + problems.map(\.description).joined(separator: "; ")
        case .notRetriable(let batchId, let paymentIds):
            "batch \(batchId): payments \(paymentIds.joined(separator: ", ")) did not fail in the last attempt; only failed payments can be retried"
        }
    }

    private static func requirement(for action: Action) -> String {
        switch action {
        case .approve: "only a draft batch can be approved"
        case .send: "only an approved batch can be sent"
        case .confirm: "only a sent or partially confirmed batch can take a bank confirmation"
        case .retry: "failed payments can be retried only once the bank has answered the whole attempt (confirmed)"
        case .close: "only a confirmed batch, with every payment answered, can be closed"
        }
    }
}
