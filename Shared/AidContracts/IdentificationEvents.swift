/// Identification results on `aid.identification.v1`, keyed by student id.
public enum IdentificationEvent {
    /// Where the student is, so consumers need not ask identification.
    public struct Placement: Codable, Sendable, Equatable {
        public var schoolId: String
        public var townCode: String
        public var stage: Stage

        public init(schoolId: String, townCode: String, stage: Stage) {
            self.schoolId = schoolId
            self.townCode = townCode
            self.stage = stage
        }
    }

    public struct StudentIdentified: AidEvent {
        public static let eventType = "aid.identification.student-identified.v1"
        public static let topic = Topic.identification
        public var partitionKey: String { studentId }

        public var decisionId: String
        public var studentId: String
        public var householdId: String
        public var placement: Placement
        public var tier: NeedTier
        public var ruleVersion: String
        /// Evidence categories, e.g. "registry:dibao", "survey:income-below-threshold"; never personal data.
        public var basis: [String]

        public init(decisionId: String, studentId: String, householdId: String, placement: Placement, tier: NeedTier, ruleVersion: String, basis: [String]) {
            self.decisionId = decisionId
            self.studentId = studentId
            self.householdId = householdId
            self.placement = placement
            self.tier = tier
            self.ruleVersion = ruleVersion
            self.basis = basis
        }
    }

    public struct TierChanged: AidEvent {
        public static let eventType = "aid.identification.tier-changed.v1"
        public static let topic = Topic.identification
        public var partitionKey: String { studentId }

        public var decisionId: String
        public var studentId: String
        public var householdId: String
        public var placement: Placement
        public var previousTier: NeedTier
        public var tier: NeedTier
        public var ruleVersion: String
        public var basis: [String]

        public init(decisionId: String, studentId: String, householdId: String, placement: Placement, previousTier: NeedTier, tier: NeedTier, ruleVersion: String, basis: [String]) {
            self.decisionId = decisionId
            self.studentId = studentId
            self.householdId = householdId
            self.placement = placement
            self.previousTier = previousTier
            self.tier = tier
            self.ruleVersion = ruleVersion
            self.basis = basis
        }
    }

    public struct IdentificationRevoked: AidEvent {
        public static let eventType = "aid.identification.identification-revoked.v1"
        public static let topic = Topic.identification
        public var partitionKey: String { studentId }

        public var decisionId: String
        public var studentId: String
        /// e.g. "no-longer-eligible", "inspection-finding", "verification-rejected".
        public var reason: String

        public init(decisionId: String, studentId: String, reason: String) {
            self.decisionId = decisionId
            self.studentId = studentId
            self.reason = reason
        }
    }
}
