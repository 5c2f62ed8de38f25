import AidContracts

/// Everything `TierRules.decide(input:)` looks at for one student. It holds categories and numbers
/// only, no names or ID numbers, so decisions can be logged and replayed.
public struct IdentificationInput: Hashable, Sendable {
    /// Registry lists the student's household is on today (see `RegistryRow.isActive(on:)`).
    public var registryLists: Set<RegistryList>
    public var survey: HouseholdSurvey?
    public var verification: VerificationVerdict?
    /// Only consulted for preschool applications.
    public var parentReview: ParentReviewOutcome?
    public var stage: Stage

    public init(stage: Stage, registryLists: Set<RegistryList> = [], survey: HouseholdSurvey? = nil,
                verification: VerificationVerdict? = nil, parentReview: ParentReviewOutcome? = nil) {
        self.stage = stage
        self.registryLists = registryLists
        self.survey = survey
        self.verification = verification
        self.parentReview = parentReview
    }
}
