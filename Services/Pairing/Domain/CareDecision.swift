import AidContracts

/// What to do about a child's care after a roster change.
public enum CareDecision: Sendable, Equatable {
    /// Nothing: the pair still fits, or the child neither has nor needs one.
    case keep
    /// Find the child a volunteer.
    case seek
    /// End the current pair; when `seekAgain`, find the child another volunteer at once.
    case end(PairingEvent.CareEndReason, seekAgain: Bool)
}
