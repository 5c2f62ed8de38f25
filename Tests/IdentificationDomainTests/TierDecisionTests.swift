import AidContracts
import IdentificationDomain
import Testing

@Suite("Tier decisions")
struct TierDecisionTests {
    private let rules = TierRules.standard

    /// Per-capita 5,000 yuan: below the 6,000-yuan line.
    private let poorSurvey = HouseholdSurvey(members: 4, annualIncomeFen: 2_000_000)
    /// Per-capita 9,000 yuan: between the lines.
    private let modestSurvey = HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000)
    /// Per-capita exactly 12,000 yuan: at the general line, so not below it.
    private let comfortableSurvey = HouseholdSurvey(members: 3, annualIncomeFen: 3_600_000)

    private func outcome(_ input: IdentificationInput) -> IdentificationDecision.Outcome {
        rules.decide(input: input).outcome
    }

    @Test("standard rules are version 2026.1 with the programme's lists and thresholds")
    func standardRules() {
        #expect(rules.version == "2026.1")
        #expect(rules.especiallyDifficultLists == [.orphan, .tekun, .disability])
        #expect(rules.difficultLists == [.dibao, .registeredPoor])
        #expect(rules.difficultIncomeThresholdFen == 600_000)
        #expect(rules.generalIncomeThresholdFen == 1_200_000)
        #expect(rules.hardshipFactors == [.seriousIllness, .unsafeHousing, .disabledMembers])
        #expect(rules.validate().isEmpty)
    }

    @Test("each especially-difficult list decides alone, with no application", arguments: [
        RegistryList.orphan, .tekun, .disability,
    ])
    func especiallyDifficultList(list: RegistryList) {
        #expect(outcome(IdentificationInput(stage: .primary, registryLists: [list]))
            == .eligible(.especiallyDifficult, evidence: ["registry:\(list.rawValue)"]))
    }

    @Test("each difficult list decides alone, with no application", arguments: [RegistryList.dibao, .registeredPoor])
    func difficultList(list: RegistryList) {
        #expect(outcome(IdentificationInput(stage: .juniorSecondary, registryLists: [list]))
            == .eligible(.difficult, evidence: ["registry:\(list.rawValue)"]))
    }

    @Test("the neediest list wins and every counted list is cited")
    func severalLists() {
        let input = IdentificationInput(stage: .seniorSecondary, registryLists: [.registeredPoor, .dibao, .orphan])
        #expect(outcome(input) == .eligible(.especiallyDifficult,
                                            evidence: ["registry:orphan", "registry:dibao", "registry:registered-poor"]))
    }

    @Test("registry membership outranks a rejected application and needs no parent review in preschool")
    func registryIgnoresApplication() {
        let input = IdentificationInput(stage: .preschool, registryLists: [.dibao], survey: comfortableSurvey,
                                        verification: .rejected)
        #expect(outcome(input) == .eligible(.difficult, evidence: ["registry:dibao"]))
    }

    @Test("without registry or survey the decision waits for the whole application")
    func nothingYet() {
        #expect(outcome(IdentificationInput(stage: .primary)) == .pending(missing: ["survey", "verification"]))
        #expect(outcome(IdentificationInput(stage: .preschool))
            == .pending(missing: ["survey", "verification", "parent-review"]))
    }

    @Test("a list the rules do not count sends the student down the survey route")
    func uncountedList() {
        let rules = TierRules(version: "test.1", especiallyDifficultLists: [.orphan, .tekun])
        let input = IdentificationInput(stage: .primary, registryLists: [.disability])
        #expect(rules.decide(input: input).outcome == .pending(missing: ["survey", "verification"]))
    }

    @Test("an invalid survey cannot be decided on")
    func invalidSurvey() {
        let input = IdentificationInput(stage: .primary, survey: HouseholdSurvey(members: 0, annualIncomeFen: 0),
                                        verification: .confirmed)
        #expect(outcome(input) == .pending(missing: ["valid-survey"]))
    }

    @Test("a rejected verification makes the application not eligible whatever the survey says")
    func verificationRejected() {
        let input = IdentificationInput(stage: .primary, survey: poorSurvey, verification: .rejected)
        #expect(outcome(input) == .notEligible(evidence: ["verification:rejected"]))
        #expect(outcome(IdentificationInput(stage: .primary, verification: .rejected))
            == .notEligible(evidence: ["verification:rejected"]))
    }

    @Test("an eligible survey waits for verification, including one sent for review")
    func verificationOutstanding() {
        #expect(outcome(IdentificationInput(stage: .primary, survey: poorSurvey)) == .pending(missing: ["verification"]))
        #expect(outcome(IdentificationInput(stage: .primary, survey: poorSurvey, verification: .needsReview))
            == .pending(missing: ["verification:needs-review"]))
    }

    @Test("per-capita income below 6,000 yuan is difficult once verified")
    func difficultIncome() {
        let input = IdentificationInput(stage: .primary, survey: poorSurvey, verification: .confirmed)
        #expect(outcome(input) == .eligible(.difficult, evidence: [
            "survey:per-capita-income-below-6000-yuan", "verification:confirmed",
        ]))
    }

    @Test("per-capita income below 12,000 yuan is generally difficult once verified")
    func generalIncome() {
        let input = IdentificationInput(stage: .secondaryVocational, survey: modestSurvey, verification: .confirmed)
        #expect(outcome(input) == .eligible(.generallyDifficult, evidence: [
            "survey:per-capita-income-below-12000-yuan", "verification:confirmed",
        ]))
    }

    @Test("thresholds are strict: exactly 6,000 yuan is not below 6,000")
    func thresholdBoundary() {
        let atLine = HouseholdSurvey(members: 2, annualIncomeFen: 1_200_000)
        let justBelow = HouseholdSurvey(members: 2, annualIncomeFen: 1_199_999)
        #expect(outcome(IdentificationInput(stage: .primary, survey: atLine, verification: .confirmed))
            == .eligible(.generallyDifficult, evidence: ["survey:per-capita-income-below-12000-yuan", "verification:confirmed"]))
        #expect(outcome(IdentificationInput(stage: .primary, survey: justBelow, verification: .confirmed))
            == .eligible(.difficult, evidence: ["survey:per-capita-income-below-6000-yuan", "verification:confirmed"]))
    }

    @Test("income at or above the general line is not eligible, without waiting for verification")
    func aboveIncomeLine() {
        let expected = IdentificationDecision.Outcome.notEligible(evidence: ["survey:per-capita-income-at-or-above-12000-yuan"])
        #expect(outcome(IdentificationInput(stage: .primary, survey: comfortableSurvey)) == expected)
        #expect(outcome(IdentificationInput(stage: .primary, survey: comfortableSurvey, verification: .confirmed)) == expected)
    }

    @Test("each counted hardship raises generally difficult to difficult", arguments: [
        (HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000, seriousIllness: true), "survey:serious-illness"),
        (HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000, housing: .dilapidated), "survey:unsafe-housing"),
        (HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000, housing: .none), "survey:unsafe-housing"),
        (HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000, disabledMembers: 1), "survey:disabled-members"),
    ])
    func hardshipRaisesOneTier(survey: HouseholdSurvey, factor: String) {
        let input = IdentificationInput(stage: .primary, survey: survey, verification: .confirmed)
        #expect(outcome(input) == .eligible(.difficult, evidence: [
            "survey:per-capita-income-below-12000-yuan", factor, "verification:confirmed",
        ]))
    }

    @Test("several hardships raise by one tier only, and difficult rises to especially difficult at most")
    func hardshipCap() {
        let survey = HouseholdSurvey(members: 4, annualIncomeFen: 2_000_000, housing: .none, seriousIllness: true,
                                     disabledMembers: 2)
        let input = IdentificationInput(stage: .juniorSecondary, survey: survey, verification: .confirmed)
        #expect(outcome(input) == .eligible(.especiallyDifficult, evidence: [
            "survey:per-capita-income-below-6000-yuan", "survey:serious-illness", "survey:unsafe-housing",
            "survey:disabled-members", "verification:confirmed",
        ]))
    }

    @Test("a hardship does not lift a household above the income line into eligibility, but is cited")
    func hardshipAboveLine() {
        let survey = HouseholdSurvey(members: 3, annualIncomeFen: 3_600_000, seriousIllness: true)
        #expect(outcome(IdentificationInput(stage: .primary, survey: survey, verification: .confirmed))
            == .notEligible(evidence: ["survey:per-capita-income-at-or-above-12000-yuan", "survey:serious-illness"]))
    }

    @Test("circumstances the rules do not count neither raise the tier nor appear as evidence")
    func uncountedHardship() {
        let survey = HouseholdSurvey(members: 2, annualIncomeFen: 1_800_000, leftBehind: true, singleParent: true)
        let input = IdentificationInput(stage: .primary, survey: survey, verification: .confirmed)
        #expect(outcome(input) == .eligible(.generallyDifficult, evidence: [
            "survey:per-capita-income-below-12000-yuan", "verification:confirmed",
        ]))

        let counting = TierRules(version: "test.2", hardshipFactors: [.singleParent])
        #expect(counting.decide(input: input).outcome == .eligible(.difficult, evidence: [
            "survey:per-capita-income-below-12000-yuan", "survey:single-parent", "verification:confirmed",
        ]))
    }

    @Test("preschool applications also need the parents' committee")
    func preschoolParentReview() {
        let confirmed = IdentificationInput(stage: .preschool, survey: poorSurvey, verification: .confirmed)
        #expect(outcome(confirmed) == .pending(missing: ["parent-review"]))

        var approved = confirmed
        approved.parentReview = .approved
        #expect(outcome(approved) == .eligible(.difficult, evidence: [
            "survey:per-capita-income-below-6000-yuan", "verification:confirmed", "parent-review:approved",
        ]))

        var rejected = confirmed
        rejected.parentReview = .rejected
        #expect(outcome(rejected) == .notEligible(evidence: ["parent-review:rejected"]))

        let nothingChecked = IdentificationInput(stage: .preschool, survey: poorSurvey)
        #expect(outcome(nothingChecked) == .pending(missing: ["verification", "parent-review"]))

        let bothRejected = IdentificationInput(stage: .preschool, survey: poorSurvey, verification: .rejected,
                                               parentReview: .rejected)
        #expect(outcome(bothRejected) == .notEligible(evidence: ["verification:rejected", "parent-review:rejected"]))
    }

    @Test("parent review is ignored outside preschool")
    func parentReviewOutsidePreschool() {
        let input = IdentificationInput(stage: .primary, survey: poorSurvey, verification: .confirmed,
                                        parentReview: .rejected)
        #expect(outcome(input) == .eligible(.difficult, evidence: [
            "survey:per-capita-income-below-6000-yuan", "verification:confirmed",
        ]))
    }

    @Test("every decision carries the version of the rules that made it", arguments: [
        IdentificationInput(stage: .primary, registryLists: [.orphan]),
        IdentificationInput(stage: .primary),
        IdentificationInput(stage: .primary, verification: .rejected),
        IdentificationInput(stage: .primary, survey: HouseholdSurvey(members: 1, annualIncomeFen: 0), verification: .confirmed),
    ])
    func ruleVersion(input: IdentificationInput) {
        #expect(TierRules.standard.decide(input: input).ruleVersion == "2026.1")
        #expect(TierRules(version: "2027.3").decide(input: input).ruleVersion == "2027.3")
    }

    @Test("thresholds that are not whole yuan appear in evidence with their fen")
    func fractionalThresholds() {
        let rules = TierRules(version: "test.3", difficultIncomeThresholdFen: 600_050, generalIncomeThresholdFen: 1_200_005)
        let survey = HouseholdSurvey(members: 1, annualIncomeFen: 1_000_000)
        #expect(rules.decide(input: IdentificationInput(stage: .primary, survey: survey, verification: .confirmed)).outcome
            == .eligible(.generallyDifficult, evidence: ["survey:per-capita-income-below-12000.05-yuan", "verification:confirmed"]))
        let poor = HouseholdSurvey(members: 1, annualIncomeFen: 600_000)
        #expect(rules.decide(input: IdentificationInput(stage: .primary, survey: poor, verification: .confirmed)).outcome
            == .eligible(.difficult, evidence: ["survey:per-capita-income-below-6000.50-yuan", "verification:confirmed"]))
    }

    @Test("evidence never carries personal data: only known category prefixes appear")
    func evidenceIsCategorical() {
        let inputs = [
            IdentificationInput(stage: .primary, registryLists: Set(RegistryList.allCases)),
            IdentificationInput(stage: .preschool, survey: HouseholdSurvey(
                members: 5, annualIncomeFen: 1_234_567, housing: .none, seriousIllness: true, disabledMembers: 1,
                leftBehind: true, singleParent: true), verification: .confirmed, parentReview: .approved),
        ]
        for input in inputs {
            guard case .eligible(_, let evidence) = rules.decide(input: input).outcome else {
                Issue.record("expected eligible for \(input)")
                continue
            }
            #expect(evidence.allSatisfy { item in
                ["registry:", "survey:", "verification:", "parent-review:"].contains { item.hasPrefix($0) }
            })
            #expect(!evidence.contains { $0.contains("1234567") || $0.contains("12345") })
        }
    }
}
