/// What each vulnerable group needs each semester, and what a student still lacks.
public enum CareChecklist {
    public static func measures(for group: VulnerableGroup) -> Set<CareMeasure> {
        switch group {
        case .leftBehind: [.guardianContact, .oneToOnePairing, .psychologicalCounselling]
        case .orphan: [.financialAid, .homeVisit, .guardianContact, .psychologicalCounselling]
        case .disability: [.financialAid, .homeVisit, .accessibilitySupport]
        case .dibao, .tekun, .registeredPoor: [.financialAid, .homeVisit]
        }
    }

    /// Everything a student in these groups needs, in `CareMeasure` order.
    public static func required(for groups: Set<VulnerableGroup>) -> [CareMeasure] {
        groups.reduce(into: Set<CareMeasure>()) { $0.formUnion(measures(for: $1)) }.sorted()
    }

    /// What is required and not delivered, in `CareMeasure` order.
    public static func missing(for groups: Set<VulnerableGroup>, delivered: Set<CareMeasure>) -> [CareMeasure] {
        required(for: groups).filter { !delivered.contains($0) }
    }
}
