/// Pairs formed and ended on `aid.pairing.v1`: school twinning keyed by the supported (weak) school,
/// one-to-one care pairs keyed by the child's student id, so one school's or one child's pairs
/// arrive in order. Volunteers appear only by their opaque id: names stay in pairing's schema.
public enum PairingEvent {
    /// Which twinning programme a pair belongs to.
    public enum TwinningKind: String, Codable, Sendable, CaseIterable {
        /// A strong urban school supports a weak rural school.
        case urbanRural = "urban-rural"
        /// A strong urban school supports a weak school nearby inside the city.
        case intraCity = "intra-city"
    }

    public enum TwinningEndReason: String, Codable, Sendable, CaseIterable {
        case schoolClosed = "school-closed"
        case endedByBureau = "ended-by-bureau"
    }

    /// How a volunteer was chosen for a child.
    public enum CareMatch: String, Codable, Sendable, CaseIterable {
        /// The volunteer belongs to the child's school.
        case sameSchool = "same-school"
        /// The volunteer lives or works in the child's township.
        case sameTown = "same-town"
    }

    public enum CareEndReason: String, Codable, Sendable, CaseIterable {
        /// The child moved to a school the volunteer does not serve.
        case transferred
        case graduated
        case withdrawn
        /// The child's parents are back: the child is no longer left behind.
        case noLongerLeftBehind = "no-longer-left-behind"
        case volunteerLeft = "volunteer-left"
    }

    public struct TwinningFormed: AidEvent {
        public static let eventType = "aid.pairing.twinning-formed.v1"
        public static let topic = Topic.pairing
        public var partitionKey: String { weakSchoolId }

        public var pairId: String
        public var weakSchoolId: String
        public var strongSchoolId: String
        public var kind: TwinningKind
        /// Stages both schools teach.
        public var stages: [Stage]
        /// Great-circle distance between the two schools, in metres.
        public var distanceMetres: Int
        /// The weak school serves a key poverty-alleviation village (paired first).
        public var keyPovertyVillage: Bool

        public init(pairId: String, weakSchoolId: String, strongSchoolId: String, kind: TwinningKind, stages: [Stage], distanceMetres: Int, keyPovertyVillage: Bool) {
            self.pairId = pairId
            self.weakSchoolId = weakSchoolId
            self.strongSchoolId = strongSchoolId
            self.kind = kind
            self.stages = stages
            self.distanceMetres = distanceMetres
            self.keyPovertyVillage = keyPovertyVillage
        }
    }

    public struct TwinningEnded: AidEvent {
        public static let eventType = "aid.pairing.twinning-ended.v1"
        public static let topic = Topic.pairing
        public var partitionKey: String { weakSchoolId }

        public var pairId: String
        public var weakSchoolId: String
        public var strongSchoolId: String
        public var reason: TwinningEndReason

        public init(pairId: String, weakSchoolId: String, strongSchoolId: String, reason: TwinningEndReason) {
            self.pairId = pairId
            self.weakSchoolId = weakSchoolId
            self.strongSchoolId = strongSchoolId
            self.reason = reason
        }
    }

    /// A volunteer took on one left-behind child.
    public struct CarePairFormed: AidEvent {
        public static let eventType = "aid.pairing.care-pair-formed.v1"
        public static let topic = Topic.pairing
        public var partitionKey: String { studentId }

        public var pairId: String
        public var studentId: String
        public var volunteerId: String
        public var schoolId: String
        public var townCode: String
        public var match: CareMatch

        public init(pairId: String, studentId: String, volunteerId: String, schoolId: String, townCode: String, match: CareMatch) {
            self.pairId = pairId
            self.studentId = studentId
            self.volunteerId = volunteerId
            self.schoolId = schoolId
            self.townCode = townCode
            self.match = match
        }
    }

    public struct CarePairEnded: AidEvent {
        public static let eventType = "aid.pairing.care-pair-ended.v1"
        public static let topic = Topic.pairing
        public var partitionKey: String { studentId }

        public var pairId: String
        public var studentId: String
        public var volunteerId: String
        public var reason: CareEndReason

        public init(pairId: String, studentId: String, volunteerId: String, reason: CareEndReason) {
            self.pairId = pairId
            self.studentId = studentId
            self.volunteerId = volunteerId
            self.reason = reason
        }
    }
}

extension EventCatalog {
    static let pairingEvents: [any AidEvent.Type] = [
        PairingEvent.TwinningFormed.self,
        PairingEvent.TwinningEnded.self,
        PairingEvent.CarePairFormed.self,
        PairingEvent.CarePairEnded.self,
    ]
}
