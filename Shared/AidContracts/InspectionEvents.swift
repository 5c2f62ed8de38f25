/// Supervision results on `aid.inspection.v1`: re-checks and findings keyed by student id (so a
/// finding and the claw-back it orders arrive in order), reviews keyed by school id. Names of the
/// people held accountable stay in inspection's schema.
public enum InspectionEvent {
    /// How a re-check of an aided student was done.
    public enum RecheckMethod: String, Codable, Sendable, CaseIterable {
        case phoneCallback = "phone-callback"
        case homeVisit = "home-visit"
        case onSiteCheck = "on-site-check"
        case studentTalk = "student-talk"
    }

    /// What a re-check found: the aid is founded, or something does not match and needs a look.
    public enum RecheckOutcome: String, Codable, Sendable, CaseIterable {
        case confirmed
        case discrepancy
    }

    /// What an inspection found about one student's aid.
    public enum FindingKind: String, Codable, Sendable, CaseIterable {
        /// Aid steered to relatives or friends of those deciding (优亲厚友).
        case favouritism
        /// Aid granted as a favour through personal connections (人情保、关系保).
        case personalConnection = "personal-connection"
        /// Aid obtained with false statements or documents.
        case fraud
        /// The aid is founded but the process was not followed (a missing signature, a late publication).
        case procedural

        /// Aid that should never have been paid is recovered: every kind but a procedural lapse.
        public var requiresClawback: Bool { self != .procedural }
    }

    /// A re-check task of the semester was done.
    public struct RecheckCompleted: AidEvent {
        public static let eventType = "aid.inspection.recheck-completed.v1"
        public static let topic = Topic.inspection
        public var partitionKey: String { studentId }

        public var taskId: String
        public var studentId: String
        public var schoolId: String
        public var semester: Semester
        public var method: RecheckMethod
        public var outcome: RecheckOutcome
        /// ISO 8601 calendar date.
        public var completedOn: String

        public init(taskId: String, studentId: String, schoolId: String, semester: Semester, method: RecheckMethod, outcome: RecheckOutcome, completedOn: String) {
            self.taskId = taskId
            self.studentId = studentId
            self.schoolId = schoolId
            self.semester = semester
            self.method = method
            self.outcome = outcome
            self.completedOn = completedOn
        }
    }

    public struct FindingRecorded: AidEvent {
        public static let eventType = "aid.inspection.finding-recorded.v1"
        public static let topic = Topic.inspection
        public var partitionKey: String { studentId }

        public var findingId: String
        public var studentId: String
        public var schoolId: String
        public var kind: FindingKind
        /// Whether a claw-back order follows (it does for every kind but a procedural lapse).
        public var clawback: Bool
        /// ISO 8601 calendar date.
        public var recordedOn: String

        public init(findingId: String, studentId: String, schoolId: String, kind: FindingKind, clawback: Bool, recordedOn: String) {
            self.findingId = findingId
            self.studentId = studentId
            self.schoolId = schoolId
            self.kind = kind
            self.clawback = clawback
            self.recordedOn = recordedOn
        }
    }

    /// One confirmed payment a claw-back order recovers.
    public struct OrderedPayment: Codable, Sendable, Equatable {
        public var paymentId: String
        public var entitlementId: String
        public var semester: Semester
        public var amountFen: Fen

        public init(paymentId: String, entitlementId: String, semester: Semester, amountFen: Fen) {
            self.paymentId = paymentId
            self.entitlementId = entitlementId
            self.semester = semester
            self.amountFen = amountFen
        }
    }

    /// Recover these payments from the student's family and stop their aid. The disbursement service
    /// applies it once; identification revokes the student's identification.
    public struct ClawbackOrdered: AidEvent {
        public static let eventType = "aid.inspection.clawback-ordered.v1"
        public static let topic = Topic.inspection
        public var partitionKey: String { studentId }

        public var orderId: String
        public var findingId: String
        public var studentId: String
        public var schoolId: String
        public var reason: FindingKind
        /// May be empty when nothing has been paid yet: the order then only stops future aid.
        public var payments: [OrderedPayment]
        public var totalFen: Fen

        public init(orderId: String, findingId: String, studentId: String, schoolId: String, reason: FindingKind, payments: [OrderedPayment], totalFen: Fen) {
            self.orderId = orderId
            self.findingId = findingId
            self.studentId = studentId
            self.schoolId = schoolId
            self.reason = reason
            self.payments = payments
            self.totalFen = totalFen
        }
    }

    /// Every member of the cross-district team signed the review of a school: its result is final.
    public struct ReviewSigned: AidEvent {
        public static let eventType = "aid.inspection.review-signed.v1"
        public static let topic = Topic.inspection
        public var partitionKey: String { schoolId }

        public var reviewId: String
        public var campaignId: String
        public var schoolId: String
        public var teamId: String
        public var year: Int
        /// 0–100 each; `score` is their weighted result.
        public var aidManagementScore: Int
        public var archiveManagementScore: Int
        public var score: Int
        public var signatures: Int
        /// ISO 8601 calendar date of the last signature.
        public var signedOn: String

        public init(
            reviewId: String, campaignId: String, schoolId: String, teamId: String, year: Int, aidManagementScore: Int,
            archiveManagementScore: Int, score: Int, signatures: Int, signedOn: String
        ) {
            self.reviewId = reviewId
            self.campaignId = campaignId
            self.schoolId = schoolId
            self.teamId = teamId
            self.year = year
            self.aidManagementScore = aidManagementScore
            self.archiveManagementScore = archiveManagementScore
            self.score = score
            self.signatures = signatures
            self.signedOn = signedOn
        }
    }
}

extension EventCatalog {
    static let inspectionEvents: [any AidEvent.Type] = [
        InspectionEvent.RecheckCompleted.self,
        InspectionEvent.FindingRecorded.self,
        InspectionEvent.ClawbackOrdered.self,
        InspectionEvent.ReviewSigned.self,
    ]
}
