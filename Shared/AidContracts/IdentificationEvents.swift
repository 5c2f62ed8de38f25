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

    /// How many registry-listed students are identified, city-wide and by town: the bureau's
    /// coverage figure (identified ÷ listed). Only identification can measure it, because a listed
    /// student who was never identified appears on no topic. Published when the counts change,
    /// keyed "coverage" so measurements stay in order; counts only, no student.
    public struct CoverageMeasured: AidEvent {
        public static let eventType = "aid.identification.coverage-measured.v1"
        public static let topic = Topic.identification
        public var partitionKey: String { "coverage" }

        public struct Town: Codable, Sendable, Equatable {
            public var townCode: String
            public var listed: Int
            public var identified: Int
            public var held: Int

            public init(townCode: String, listed: Int, identified: Int, held: Int) {
                self.townCode = townCode
                self.listed = listed
                self.identified = identified
                self.held = held
            }
        }

        public var measurementId: String
        /// RFC 3339 time of the measurement.
        public var measuredAt: String
        /// Enrolled students with a registry listing in force today.
        public var listed: Int
        /// Of those, students with an active identification.
        public var identified: Int
        /// Of those, students held after an inspection claw-back (deliberately not identified).
        public var held: Int
        public var byTown: [Town]

        public init(measurementId: String, measuredAt: String, listed: Int, identified: Int, held: Int, byTown: [Town]) {
            self.measurementId = measurementId
            self.measuredAt = measuredAt
            self.listed = listed
            self.identified = identified
            self.held = held
            self.byTown = byTown
        }
    }
}
