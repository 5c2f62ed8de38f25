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
}
