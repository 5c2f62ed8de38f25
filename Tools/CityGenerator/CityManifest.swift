/// `city.json`: what a generated city holds and what the suite should make of it once loaded. The
/// expected figures come from the identification domain's own rules (`TierRules.standard`), so a
/// loaded city can be checked against them. Deterministic like the data files: no timings.
public struct CityManifest: Codable, Sendable, Equatable {
    public struct Schools: Codable, Sendable, Equatable {
        public var total = 0
        public var rural = 0
        /// By kind: kindergarten, primary, nine-year, teaching-point, junior-secondary, senior-secondary, vocational.
        public var byKind: [String: Int] = [:]
        public var weakTeachingPoints = 0
        public var keyPovertyVillageSchools = 0
    }

    public struct Students: Codable, Sendable, Equatable {
        public var total = 0
        public var byStage: [String: Int] = [:]
        public var rural = 0
        public var leftBehind = 0
        public var households = 0
    }

    public struct Registry: Codable, Sendable, Equatable {
        public var entries = 0
        public var byList: [String: Int] = [:]
        /// Memberships that ended before the school year: they no longer count.
        public var expiredEntries = 0
        /// Entries of people who are not on the student roster: parents, grandparents, graduates,
        /// elderly households, disabled adults.
        public var nonStudentEntries = 0
        /// Students with at least one current membership.
        public var listedStudents = 0
        public var studentsOnTwoOrMoreLists = 0
    }

    public struct Applications: Codable, Sendable, Equatable {
        public var applications = 0
        public var visits = 0
        public var parentReviews = 0
    }

    /// What identification should decide with the standard rules, by student.
    public struct Identification: Codable, Sendable, Equatable {
        public var identified = 0
        public var identifiedByRegistry = 0
        public var identifiedByApplication = 0
        public var notEligible = 0
        /// Applications still waiting for a visit, a second look or the parents' committee.
        public var pending = 0
        /// Identified students by stage, then by need tier.
        public var byStageAndTier: [String: [String: Int]] = [:]
        /// Every identified student is aided in both semesters of the year.
        public var aidedStudentTimesPerYear: Int { identified * 2 }
    }

    public struct Pairing: Codable, Sendable, Equatable {
        public var careRooms = 0
        public var volunteers = 0
        /// Children the volunteers can take at once, together.
        public var volunteerCapacity = 0
        /// Care pairs pairing should form: in each township, as many of its left-behind pupils as
        /// its volunteers can take (pairing matches within the township of the child's school).
        public var expectedCarePairs = 0
        public var schoolLocations = 0
        public var strongSchools = 0
        /// Twinnings pairing's planner should form: every school of a key poverty village, while
        /// the strong schools' capacity lasts.
        public var expectedTwinnings = 0
    }

    public struct Training: Codable, Sendable, Equatable {
        public var centres = 0
        public var courses = 0
        public var sessions = 0
        public var rollCalls = 0
        public var trainees = 0
        public var expectedPasses = 0
        /// Trainees from households with an identified student: they get priority for seats.
        public var fromIdentifiedHouseholds = 0
    }

    public struct Charity: Codable, Sendable, Equatable {
        public var assessments = 0
        public var needsFen: Int64 = 0
        public var pledges = 0
        public var donationsFen: Int64 = 0
    }

    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var records: Int
        public var bytes: Int
    }

    public var seed: UInt64
    public var scale: Double
    public var districts: [String] = []
    public var semester = ReferenceCity.semester
    public var schools = Schools()
    public var students = Students()
    public var registry = Registry()
    public var applications = Applications()
    public var identification = Identification()
    public var pairing = Pairing()
    public var training = Training()
    public var charity = Charity()
    public var files: [File] = []

    public init(seed: UInt64, scale: Double) {
        self.seed = seed
        self.scale = scale
    }
}
