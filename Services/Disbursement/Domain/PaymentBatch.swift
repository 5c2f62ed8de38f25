import AidContracts

/// A batch of payments for one semester and its progress through approval, the bank and retries.
/// Change it only through `BatchStateMachine`; the memberwise initialiser exists to restore a stored batch.
public struct PaymentBatch: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case draft
        case approved
        case sent
        /// The bank has answered some payments of the current attempt and owes the rest.
        case partiallyConfirmed = "partially-confirmed"
        /// The bank has answered every payment of the current attempt; failed ones may be retried.
        case confirmed
        case closed
    }

    public struct Line: Sendable, Hashable {
        public enum Status: Sendable, Hashable {
            /// Waiting to be sent, or sent and waiting for the bank's answer.
            case pending
            case paid(bankReference: String)
            case failed(reason: String)
        }

        public var payment: PaymentLine
        public var status: Status
        /// The attempt that last carried this payment.
        public var attempt: Int

        public init(payment: PaymentLine, status: Status, attempt: Int) {
            self.payment = payment
            self.status = status
            self.attempt = attempt
        }
    }

    public var batchId: String
    public var semester: Semester
    /// Who prepared the current attempt; the approver must be someone else.
    public var preparedBy: String
    public var approvedBy: String?
    public var attempt: Int
    public var state: State
    public var lines: [Line]

    public init(
        batchId: String, semester: Semester, preparedBy: String, approvedBy: String?, attempt: Int, state: State, lines: [Line]
    ) {
        self.batchId = batchId
        self.semester = semester
        self.preparedBy = preparedBy
        self.approvedBy = approvedBy
        self.attempt = attempt
        self.state = state
        self.lines = lines
    }

    /// The file for the current attempt: only the payments this attempt carries.
    public var paymentFile: PaymentFile {
        PaymentFile(
            batchId: batchId, attempt: attempt, semester: semester,
            lines: lines.filter { $0.attempt == attempt }.map(\.payment))
    }
}
