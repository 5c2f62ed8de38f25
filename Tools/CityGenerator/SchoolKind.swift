import AidContracts

/// The kinds of school a district has, with the stages each teaches and how large it is relative to
/// others teaching the same stage (urban schools are two to three times the size of rural ones).
enum SchoolKind: String, CaseIterable, Sendable {
    case kindergarten
    case primary
    /// A rural school teaching primary and junior secondary (九年一贯制学校).
    case nineYear = "nine-year"
    /// A small village school of grades 1–4 (教学点), the weak points charity equips.
    case teachingPoint = "teaching-point"
    case juniorSecondary = "junior-secondary"
    case seniorSecondary = "senior-secondary"
    case vocational

    var stages: [Stage] {
        switch self {
        case .kindergarten: [.preschool]
        case .primary, .teachingPoint: [.primary]
        case .nineYear: [.primary, .juniorSecondary]
        case .juniorSecondary: [.juniorSecondary]
        case .seniorSecondary: [.seniorSecondary]
        case .vocational: [.secondaryVocational]
        }
    }

    var idPrefix: String {
        switch self {
        case .kindergarten: "K"
        case .primary: "P"
        case .nineYear: "N"
        case .teachingPoint: "T"
        case .juniorSecondary: "J"
        case .seniorSecondary: "H"
        case .vocational: "V"
        }
    }

    /// Senior secondary and vocational schools take students from the whole district; the others
    /// from their own town.
    var takesWholeDistrict: Bool { self == .seniorSecondary || self == .vocational }

    /// Relative size when a stage's enrolment is shared out among the schools teaching it.
    func sizeWeight(for stage: Stage, rural: Bool) -> Double {
        switch (self, stage) {
        case (.kindergarten, _): rural ? 0.9 : 1.6
        case (.primary, _): rural ? 1.0 : 3.0
        case (.nineYear, .primary): 0.8
        case (.nineYear, _): 0.6
        case (.juniorSecondary, _): rural ? 1.4 : 2.2
        default: 1.0
        }
    }

    /// Grades a school of this kind teaches in `stage`: grades count from primary 1 (junior 7–9,
    /// senior and vocational 10–12); preschool has small, middle and large classes 1–3.
    func grades(for stage: Stage) -> ClosedRange<Int> {
        switch stage {
        case .preschool: 1...3
        case .primary: self == .teachingPoint ? 1...4 : 1...6
        case .juniorSecondary: 7...9
        case .seniorSecondary, .secondaryVocational: 10...12
        }
    }
}
