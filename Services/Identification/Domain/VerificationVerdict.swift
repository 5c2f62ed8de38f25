/// The result of checking a household survey against the facts (home visit, records, neighbours).
public enum VerificationVerdict: String, Codable, Sendable, CaseIterable {
    case confirmed
    case rejected
    /// The verifier found something that needs a second look; no decision can rest on it yet.
    case needsReview = "needs-review"
}
