import AidContracts
import IdentificationDomain

/// The reference city at scale 1, after Gaomi (Shandong, about 900,000 people), which paid 25.87
/// million yuan to 29,000 student-times in a year. Figures the programme reports are kept as
/// reported (51 weak teaching points, 8 key poverty village schools, 20 care rooms, about 1,100
/// trainees at a 96% pass rate, 1.8 million yuan of donated equipment); the rest are plausible for a
/// county-level city of that size, and the household rates below are tuned so that about 14,500
/// of some 100,000 students are identified as in need: 29,000 student-times over two semesters.
public enum ReferenceCity {
    /// Enrolment by stage.
    public static let enrolment: [(stage: Stage, students: Int)] = [
        (.preschool, 20_000), (.primary, 44_000), (.juniorSecondary, 21_000),
        (.seniorSecondary, 9_000), (.secondaryVocational, 6_000),
    ]
    public static let aidedStudentTimesPerYear = 29_000
    public static let weakTeachingPoints = 51
    public static let keyPovertyVillageSchools = 8
    public static let careRooms = 20
    public static let trainees = 1_100
    public static let trainingPassRate = 0.96
    public static let donationsFen: Fen = 180_000_000

    /// The school year the city is generated for: the autumn semester opens it.
    public static let schoolYear = 2026
    public static let semester = "2026-autumn"
    /// Registry validity is planned against this day. Expired memberships end by 2026-06-30 and
    /// current ones run past 2030, so the services, which check against their own clock, agree
    /// with the plan on any day from now until then.
    static let planningDay = Day(2026, 9, 1)
    static let lastExpiry = Day(2026, 6, 30)
    static let fixedTermEnd = Day(2030, 12, 31)

    // Schools of one district at scale 1 (urban subdistricts / rural towns).
    static let urbanKindergartens = 40
    static let ruralKindergartens = 78
    static let urbanPrimarySchools = 16
    static let ruralCentralPrimarySchools = 24
    /// Rural schools teaching primary and junior secondary together (九年一贯制).
    static let nineYearSchools = 6
    static let urbanJuniorSchools = 8
    static let ruralJuniorSchools = 6
    static let seniorSchools = 4
    static let vocationalSchools = 2
    /// Pupils of a weak teaching point: small village schools of grades 1–4.
    static let teachingPointPupils = 20...70

    // Households.
    /// Households on a household list (dibao, registered-poor, tekun), by residence.
    static let listedHouseholdRate = (urban: 0.028, rural: 0.069)
    static let householdListWeights: [(RegistryList, Double)] = [(.dibao, 0.55), (.registeredPoor, 0.35), (.tekun, 0.10)]
    /// Dibao households also on the registered-poor list: these students are on two lists.
    static let dibaoAlsoRegisteredPoor = 0.15
    static let expiredListingRate = 0.07
    static let fixedTermListingRate = 0.3
    static let orphanHouseholdRate = 0.0018
    static let studentDisabilityRate = 0.009
    static let leftBehindRate = (urban: 0.015, rural: 0.13)
    static let singleParentRate = 0.08
    /// How many school-age children a household has: one, two or three.
    static let childrenWeights: [Double] = [0.58, 0.35, 0.07]
    /// Households not on a list that apply, by the stage of their first child: senior secondary and
    /// vocational grants are larger and better known, so more families apply there.
    static let applicationRate: [Stage: Double] = [
        .preschool: 0.095, .primary: 0.095, .juniorSecondary: 0.115, .seniorSecondary: 0.28, .secondaryVocational: 0.38,
    ]
    static let applicationRuralFactor = 1.35
    static let applicationUrbanFactor = 0.75
    /// Applicants' per-capita income: below 6,000 yuan, below 12,000, and above the line.
    static let incomeBandWeights: [Double] = [0.50, 0.35, 0.15]
    /// Verification visits found, and the parents' committee decided (nil: not yet visited or met).
    static let verdictWeights: [(VerificationVerdict?, Double)] = [(.confirmed, 0.88), (.rejected, 0.05), (.needsReview, 0.03), (nil, 0.04)]
    static let parentReviewWeights: [(ParentReviewOutcome?, Double)] = [(.approved, 0.92), (.rejected, 0.03), (nil, 0.05)]

    // People on registry lists who are not students.
    static let elderlyListedHouseholds = 2_000
    static let listedDisabledAdults = 6_000
    /// Households with a grown child (18–23) no longer at school, who is on its lists too.
    static let householdWithGraduateRate = 0.15

    // Training and charity.
    static let adultEducationCentresPerRuralTown = 1
    static let technicalSchools = 1
    static let sessionSeats = 25...45
    static let pledgeValueYuan = 15_000...150_000
}
