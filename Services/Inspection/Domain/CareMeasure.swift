/// A care measure a vulnerable student should receive each semester.
public enum CareMeasure: String, Codable, Sendable, CaseIterable, Comparable {
    /// The grants the student is entitled to were paid (met by a confirmed payment of the semester).
    case financialAid = "financial-aid"
    /// A teacher visited the family at home.
    case homeVisit = "home-visit"
    /// The school spoke with the parents working away or the guardian.
    case guardianContact = "guardian-contact"
    /// A volunteer or teacher is paired one-to-one with the child.
    case oneToOnePairing = "one-to-one-pairing"
    case psychologicalCounselling = "psychological-counselling"
    /// Accessible classroom, assistive devices or teaching at home (送教上门).
    case accessibilitySupport = "accessibility-support"

    /// Measures recorded by people, as opposed to `financialAid`, which payments show.
    public var isRecorded: Bool { self != .financialAid }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
