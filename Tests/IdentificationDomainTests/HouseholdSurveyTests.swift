import IdentificationDomain
import Testing

@Suite("Household survey")
struct HouseholdSurveyTests {
    @Test("a complete survey has no errors and a per-capita income rounded down")
    func valid() {
        let survey = HouseholdSurvey(members: 3, annualIncomeFen: 1_000_000, housing: .dilapidated,
                                     disabledMembers: 3)
        #expect(survey.validate().isEmpty)
        #expect(survey.perCapitaIncomeFen == 333_333)
    }

    @Test("each broken rule names its field", arguments: [
        (HouseholdSurvey(members: 0, annualIncomeFen: 0),
         [FieldError(field: "members", rule: "must be between 1 and 30, got 0")]),
        (HouseholdSurvey(members: 31, annualIncomeFen: 0),
         [FieldError(field: "members", rule: "must be between 1 and 30, got 31")]),
        (HouseholdSurvey(members: 2, annualIncomeFen: -1),
         [FieldError(field: "annualIncomeFen", rule: "must not be negative, got -1")]),
        (HouseholdSurvey(members: 2, annualIncomeFen: 0, disabledMembers: -1),
         [FieldError(field: "disabledMembers", rule: "must not be negative, got -1")]),
        (HouseholdSurvey(members: 2, annualIncomeFen: 0, disabledMembers: 3),
         [FieldError(field: "disabledMembers", rule: "must not exceed members (2), got 3")]),
        (HouseholdSurvey(members: 0, annualIncomeFen: -5, disabledMembers: 1),
         [FieldError(field: "members", rule: "must be between 1 and 30, got 0"),
          FieldError(field: "annualIncomeFen", rule: "must not be negative, got -5"),
          FieldError(field: "disabledMembers", rule: "must not exceed members (0), got 1")]),
    ])
    func invalid(survey: HouseholdSurvey, expected: [FieldError]) {
        #expect(survey.validate() == expected)
    }

    @Test("per-capita income does not trap on an invalid member count")
    func zeroMembers() {
        #expect(HouseholdSurvey(members: 0, annualIncomeFen: 500).perCapitaIncomeFen == 500)
    }

    @Test("hardships list every circumstance the survey shows, in a fixed order")
    func hardships() {
        #expect(HouseholdSurvey(members: 2, annualIncomeFen: 0).hardships.isEmpty)
        #expect(HouseholdSurvey(members: 2, annualIncomeFen: 0, housing: .none).hardships == [.unsafeHousing])
        let everything = HouseholdSurvey(members: 4, annualIncomeFen: 0, housing: .dilapidated, seriousIllness: true,
                                         disabledMembers: 1, leftBehind: true, singleParent: true)
        #expect(everything.hardships == HardshipFactor.allCases)
    }
}
