/// The state of a school's buildings as an assessor grades it.
public enum BuildingCondition: String, Codable, Sendable, CaseIterable {
    case sound
    case minorRepairs = "minor-repairs"
    case majorRepairs = "major-repairs"
    /// Classrooms that should not be used: the worst a school can be.
    case unsafe

    /// The checklist score of this grade, 0–100.
    public var score: Int {
        switch self {
        case .sound: 100
        case .minorRepairs: 70
        case .majorRepairs: 30
        case .unsafe: 0
        }
    }
}
