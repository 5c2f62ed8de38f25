/// Entitlements and payments on `aid.disbursement.v1`, keyed by student id. Amounts in fen.
public enum DisbursementEvent {
    /// What every payment event says about the grant it concerns.
    public struct Grant: Codable, Sendable, Equatable {
        public var entitlementId: String
        public var studentId: String
        public var programCode: String
        public var semester: Semester
        public var amountFen: Fen
        public var schoolId: String
        public var townCode: String

        public init(entitlementId: String, studentId: String, programCode: String, semester: Semester, amountFen: Fen, schoolId: String, townCode: String) {
            self.entitlementId = entitlementId
            self.studentId = studentId
            self.programCode = programCode
            self.semester = semester
            self.amountFen = amountFen
            self.schoolId = schoolId
            self.townCode = townCode
        }
    }

    public struct EntitlementGranted: AidEvent {
        public static let eventType = "aid.disbursement.entitlement-granted.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { grant.studentId }

        public var grant: Grant
        public var catalogVersion: Int

        public init(grant: Grant, catalogVersion: Int) {
            self.grant = grant
            self.catalogVersion = catalogVersion
        }
    }

    public struct EntitlementRevoked: AidEvent {
        public static let eventType = "aid.disbursement.entitlement-revoked.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { grant.studentId }

        public var grant: Grant
        public var reason: String

        public init(grant: Grant, reason: String) {
            self.grant = grant
            self.reason = reason
        }
    }

    public struct PaymentSent: AidEvent {
        public static let eventType = "aid.disbursement.payment-sent.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { grant.studentId }

        public var paymentId: String
        public var batchId: String
        public var attempt: Int
        public var grant: Grant

        public init(paymentId: String, batchId: String, attempt: Int, grant: Grant) {
            self.paymentId = paymentId
            self.batchId = batchId
            self.attempt = attempt
            self.grant = grant
        }
    }

    public struct PaymentConfirmed: AidEvent {
        public static let eventType = "aid.disbursement.payment-confirmed.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { grant.studentId }

        public var paymentId: String
        public var batchId: String
        public var grant: Grant
        public var bankReference: String

        public init(paymentId: String, batchId: String, grant: Grant, bankReference: String) {
            self.paymentId = paymentId
            self.batchId = batchId
            self.grant = grant
            self.bankReference = bankReference
        }
    }

    public struct PaymentFailed: AidEvent {
        public static let eventType = "aid.disbursement.payment-failed.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { grant.studentId }

        public var paymentId: String
        public var batchId: String
        public var attempt: Int
        public var grant: Grant
        public var reason: String

        public init(paymentId: String, batchId: String, attempt: Int, grant: Grant, reason: String) {
            self.paymentId = paymentId
            self.batchId = batchId
            self.attempt = attempt
            self.grant = grant
            self.reason = reason
        }
    }

    /// One payment recovered on a claw-back order, as booked in the ledger (there as a negative entry).
    public struct Recovery: Codable, Sendable, Equatable {
        public var paymentId: String
        public var entitlementId: String
        public var programCode: String
        public var semester: Semester
        /// The amount coming back, positive; the ledger books it as its negative.
        public var recoveredFen: Fen

        public init(paymentId: String, entitlementId: String, programCode: String, semester: Semester, recoveredFen: Fen) {
            self.paymentId = paymentId
            self.entitlementId = entitlementId
            self.programCode = programCode
            self.semester = semester
            self.recoveredFen = recoveredFen
        }
    }

    /// An inspection claw-back order was applied: recoveries booked once per payment, the student's
    /// unpaid entitlements revoked (each also published as `EntitlementRevoked`).
    public struct ClawbackRecovered: AidEvent {
        public static let eventType = "aid.disbursement.clawback-recovered.v1"
        public static let topic = Topic.disbursement
        public var partitionKey: String { studentId }

        public var orderId: String
        public var studentId: String
        /// Recoveries booked by this order; a payment an earlier order already recovered is not repeated.
        public var recoveries: [Recovery]
        public var totalRecoveredFen: Fen
        public var revokedEntitlementIds: [String]

        public init(orderId: String, studentId: String, recoveries: [Recovery], totalRecoveredFen: Fen, revokedEntitlementIds: [String]) {
            self.orderId = orderId
            self.studentId = studentId
            self.recoveries = recoveries
            self.totalRecoveredFen = totalRecoveredFen
            self.revokedEntitlementIds = revokedEntitlementIds
        }
    }
}
