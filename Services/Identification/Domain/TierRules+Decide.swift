import AidContracts

extension TierRules {
    /// Decides one student's need tier.
    ///
    /// Registry membership decides on its own, with no application. Otherwise the household must
    /// apply: the survey sets an income tier (raised one step by counted hardships), and an
    /// eligible tier only stands once verification has confirmed the survey and, for preschool,
    /// the parents' committee has approved. A rejection at either check ends the application.
    public func decide(input: IdentificationInput) -> IdentificationDecision {
        IdentificationDecision(outcome: registryOutcome(input.registryLists) ?? applicationOutcome(input),
                               ruleVersion: version)
    }

    private func registryOutcome(_ lists: Set<RegistryList>) -> IdentificationDecision.Outcome? {
        let counted = RegistryList.allCases.filter {
            lists.contains($0) && (especiallyDifficultLists.contains($0) || difficultLists.contains($0))
        }
        guard !counted.isEmpty else { return nil }
        let tier: NeedTier = counted.contains(where: especiallyDifficultLists.contains) ? .especiallyDifficult : .difficult
        return .eligible(tier, evidence: counted.map { "registry:\($0.rawValue)" })
    }

    private func applicationOutcome(_ input: IdentificationInput) -> IdentificationDecision.Outcome {
        let needsParentReview = input.stage == .preschool

        var rejections: [String] = []
        if input.verification == .rejected { rejections.append("verification:rejected") }
        if needsParentReview, input.parentReview == .rejected { rejections.append("parent-review:rejected") }
        guard rejections.isEmpty else { return .notEligible(evidence: rejections) }

        var missingChecks: [String] = []
        switch input.verification {
        case nil: missingChecks.append("verification")
        case .needsReview: missingChecks.append("verification:needs-review")
        case .confirmed, .rejected: break
        }
        if needsParentReview, input.parentReview == nil { missingChecks.append("parent-review") }

        guard let survey = input.survey else { return .pending(missing: ["survey"] + missingChecks) }
        guard survey.validate().isEmpty else { return .pending(missing: ["valid-survey"] + missingChecks) }

        let (surveyTier, surveyEvidence) = assess(survey)
        // A household above the income line is refused on its own declaration; checking it
        // further would not change the answer.
        guard let surveyTier else { return .notEligible(evidence: surveyEvidence) }
        guard missingChecks.isEmpty else { return .pending(missing: missingChecks) }

        let checks = needsParentReview ? ["verification:confirmed", "parent-review:approved"] : ["verification:confirmed"]
        return .eligible(surveyTier, evidence: surveyEvidence + checks)
    }

    /// The survey's tier (nil above the income line) and the categories it rests on. Counted
    /// hardships are listed even when not eligible, so the refusal shows they were considered.
    private func assess(_ survey: HouseholdSurvey) -> (tier: NeedTier?, evidence: [String]) {
        let perCapita = survey.perCapitaIncomeFen
        var tier: NeedTier?
        var evidence: [String]
        if perCapita < difficultIncomeThresholdFen {
            tier = .difficult
            evidence = ["survey:per-capita-income-below-\(Self.yuan(difficultIncomeThresholdFen))-yuan"]
        } else if perCapita < generalIncomeThresholdFen {
            tier = .generallyDifficult
            evidence = ["survey:per-capita-income-below-\(Self.yuan(generalIncomeThresholdFen))-yuan"]
        } else {
            evidence = ["survey:per-capita-income-at-or-above-\(Self.yuan(generalIncomeThresholdFen))-yuan"]
        }

        let hardships = survey.hardships.filter(hardshipFactors.contains)
        evidence += hardships.map { "survey:\($0.rawValue)" }
        if !hardships.isEmpty, let incomeTier = tier {
            tier = Self.raised(incomeTier)
        }
        return (tier, evidence)
    }

    private static func raised(_ tier: NeedTier) -> NeedTier {
        switch tier {
        case .generallyDifficult: .difficult
        case .difficult, .especiallyDifficult: .especiallyDifficult
        }
    }

    /// Thresholds appear in evidence in yuan, as the policy documents state them: 600000 → "6000",
    /// 600050 → "6000.50".
    private static func yuan(_ fen: Fen) -> String {
        let (whole, cents) = fen.quotientAndRemainder(dividingBy: 100)
        guard cents != 0 else { return String(whole) }
        return "\(whole)." + (cents < 10 ? "0\(cents)" : String(cents))
    }
}
