/// Household circumstances from a survey that `TierRules` may count as raising need by one tier.
/// The raw value doubles as the evidence category (`survey:serious-illness`).
public enum HardshipFactor: String, Codable, Sendable, CaseIterable {
    case seriousIllness = "serious-illness"
    /// Housing is dilapidated or the household has none.
    case unsafeHousing = "unsafe-housing"
    case disabledMembers = "disabled-members"
    case leftBehind = "left-behind"
    case singleParent = "single-parent"
}
