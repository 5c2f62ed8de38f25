import AidContracts
import Foundation
import IdentificationDomain
import Testing

@Suite("Tier rules from JSON")
struct TierRulesLoadingTests {
    @Test("a rules file loads every setting and decides with its own version")
    func load() throws {
        let json = """
        {
          "version": "2027.1",
          "especiallyDifficultLists": ["orphan", "tekun"],
          "difficultLists": ["dibao", "registered-poor", "disability"],
          "difficultIncomeThresholdFen": 700000,
          "generalIncomeThresholdFen": 1400000,
          "hardshipFactors": ["serious-illness", "single-parent"]
        }
        """
        let rules = try JSONDecoder().decode(TierRules.self, from: Data(json.utf8))

        #expect(rules == TierRules(version: "2027.1", especiallyDifficultLists: [.orphan, .tekun],
                                   difficultLists: [.dibao, .registeredPoor, .disability],
                                   difficultIncomeThresholdFen: 700_000, generalIncomeThresholdFen: 1_400_000,
                                   hardshipFactors: [.seriousIllness, .singleParent]))

        let disability = rules.decide(input: IdentificationInput(stage: .primary, registryLists: [.disability]))
        #expect(disability == IdentificationDecision(outcome: .eligible(.difficult, evidence: ["registry:disability"]),
                                                     ruleVersion: "2027.1"))

        // 6,500 yuan per capita: generally difficult under 2026 rules, difficult under these.
        let survey = HouseholdSurvey(members: 2, annualIncomeFen: 1_300_000)
        let input = IdentificationInput(stage: .primary, survey: survey, verification: .confirmed)
        #expect(rules.decide(input: input) == IdentificationDecision(
            outcome: .eligible(.difficult, evidence: ["survey:per-capita-income-below-7000-yuan", "verification:confirmed"]),
            ruleVersion: "2027.1"))
        #expect(TierRules.standard.decide(input: input).outcome
            == .eligible(.generallyDifficult, evidence: ["survey:per-capita-income-below-12000-yuan", "verification:confirmed"]))
    }

    @Test("the standard rules survive a JSON round trip")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(TierRules.standard)
        #expect(try JSONDecoder().decode(TierRules.self, from: data) == .standard)
    }

    @Test("every key is required, so no threshold silently falls back to a default")
    func missingKey() {
        let json = #"{"version": "2027.1", "especiallyDifficultLists": [], "difficultLists": [], "difficultIncomeThresholdFen": 1, "generalIncomeThresholdFen": 2}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TierRules.self, from: Data(json.utf8))
        }
    }

    @Test("unknown registry lists are refused")
    func unknownList() {
        let json = #"{"version": "2027.1", "especiallyDifficultLists": ["poor"], "difficultLists": [], "difficultIncomeThresholdFen": 1, "generalIncomeThresholdFen": 2, "hardshipFactors": []}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TierRules.self, from: Data(json.utf8))
        }
    }

    @Test("inconsistent rules are refused at load time with every problem named")
    func inconsistent() throws {
        let json = #"{"version": " ", "especiallyDifficultLists": ["orphan", "dibao"], "difficultLists": ["dibao"], "difficultIncomeThresholdFen": -1, "generalIncomeThresholdFen": -2, "hardshipFactors": []}"#
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(TierRules.self, from: Data(json.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.debugDescription == "tier rules are inconsistent: "
            + "version: must not be empty; "
            + "difficultLists: must not repeat lists from especiallyDifficultLists, got dibao; "
            + "difficultIncomeThresholdFen: must not be negative, got -1; "
            + "generalIncomeThresholdFen: must not be below difficultIncomeThresholdFen (-1), got -2")
    }
}
