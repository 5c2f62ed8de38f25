/// Preschool applications are also reviewed by a parents' committee before aid is granted.
public enum ParentReviewOutcome: String, Codable, Sendable, CaseIterable {
    case approved
    case rejected
}
