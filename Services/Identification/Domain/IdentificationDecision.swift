import AidContracts

/// The result of applying one version of the tier rules to one student.
public struct IdentificationDecision: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// `evidence` lists the categories the tier rests on, e.g. `registry:dibao`,
        /// `survey:serious-illness`, `verification:confirmed`; never personal data.
        case eligible(NeedTier, evidence: [String])
        case notEligible(evidence: [String])
        /// What must arrive before a decision can be made, e.g. `survey`, `verification`,
        /// `parent-review`.
        case pending(missing: [String])
    }

    public var outcome: Outcome
    /// `TierRules.version` of the rules that decided, so every decision can be explained later.
    public var ruleVersion: String

    public init(outcome: Outcome, ruleVersion: String) {
        self.outcome = outcome
        self.ruleVersion = ruleVersion
    }
}
