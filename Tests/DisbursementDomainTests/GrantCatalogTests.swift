import AidContracts
import DisbursementDomain
import Foundation
import Testing

@Suite("Grant catalog")
struct GrantCatalogTests {
    private let catalog = GrantCatalog.standard

    private func amounts(_ stage: Stage, _ tier: NeedTier, boarding: Bool = false) -> [String: Fen] {
        Dictionary(uniqueKeysWithValues: catalog.entitlements(stage: stage, tier: tier, boarding: boarding).map { ($0.programCode, $0.amountFen) })
    }

    @Test func standardCatalogIsVersionOneAndValid() {
        #expect(catalog.version == 1)
        #expect(catalog.validate().isEmpty)
        #expect(catalog.programs.map(\.code) == ["preschool-grant", "boarding-subsidy", "high-school-grant", "vocational-grant", "tuition-waiver"])
    }

    @Test(arguments: NeedTier.allCases)
    func preschoolPaysTheSameToEveryTier(tier: NeedTier) {
        #expect(amounts(.preschool, tier) == ["preschool-grant": 75_000])
    }

    @Test(arguments: NeedTier.allCases)
    func boardersInCompulsoryEducationGetTheBoardingSubsidy(tier: NeedTier) {
        #expect(amounts(.primary, tier, boarding: true) == ["boarding-subsidy": 50_000])
        #expect(amounts(.juniorSecondary, tier, boarding: true) == ["boarding-subsidy": 62_500])
    }

    @Test(arguments: [Stage.primary, .juniorSecondary])
    func dayStudentsInCompulsoryEducationGetNothing(stage: Stage) {
        #expect(catalog.entitlements(stage: stage, tier: .especiallyDifficult, boarding: false).isEmpty)
    }

    @Test func seniorSecondaryGetsTheNationalGrantAndTheWaiverForTheTwoNeediestTiers() {
        #expect(amounts(.seniorSecondary, .especiallyDifficult) == ["high-school-grant": 125_000, "tuition-waiver": 80_000])
        #expect(amounts(.seniorSecondary, .difficult) == ["high-school-grant": 100_000, "tuition-waiver": 80_000])
        #expect(amounts(.seniorSecondary, .generallyDifficult) == ["high-school-grant": 75_000])
    }

    @Test func vocationalGrantHasTheHighSchoolTiersAndNoWaiver() {
        #expect(amounts(.secondaryVocational, .especiallyDifficult) == ["vocational-grant": 125_000])
        #expect(amounts(.secondaryVocational, .difficult) == ["vocational-grant": 100_000])
        #expect(amounts(.secondaryVocational, .generallyDifficult) == ["vocational-grant": 75_000])
    }

    @Test func boardingFlagDoesNotAddAnythingOutsideCompulsoryEducation() {
        #expect(amounts(.seniorSecondary, .difficult, boarding: true) == amounts(.seniorSecondary, .difficult))
        #expect(amounts(.preschool, .difficult, boarding: true) == ["preschool-grant": 75_000])
    }

    @Test func draftsCarryTheCatalogVersion() {
        let drafts = catalog.entitlements(stage: .seniorSecondary, tier: .difficult, boarding: false)
        #expect(drafts.allSatisfy { $0.catalogVersion == 1 })
    }

    @Test func zeroAmountRowsGrantNothing() {
        let suspended = GrantCatalog(version: 2, effectiveFrom: Fixtures.autumn2026, programs: [
            GrantProgram(code: "preschool-grant", title: "Preschool", stages: [.preschool], amounts: [
                GrantAmount(stage: .preschool, tier: .difficult, amountFen: 0),
            ]),
        ])
        #expect(suspended.validate().isEmpty)
        #expect(suspended.entitlements(stage: .preschool, tier: .difficult, boarding: false).isEmpty)
    }

    @Test func jsonRoundTripKeepsTheCatalog() throws {
        let data = try JSONEncoder().encode(catalog)
        #expect(try GrantCatalog.parse(json: data) == catalog)
    }

    @Test func validationReportsEveryBrokenRule() {
        let broken = GrantCatalog(version: 0, effectiveFrom: Fixtures.autumn2026, programs: [
            GrantProgram(code: "Preschool Grant", title: " ", stages: [.preschool], amounts: [
                GrantAmount(stage: .preschool, tier: .difficult, amountFen: -1),
                GrantAmount(stage: .primary, tier: .difficult, amountFen: 100),
                GrantAmount(stage: .preschool, tier: .difficult, amountFen: 100),
            ]),
            GrantProgram(code: "x-1", title: "X", stages: [], amounts: []),
            GrantProgram(code: "x-1", title: "Y", stages: [.primary, .juniorSecondary], amounts: [
                GrantAmount(stage: .primary, tier: .difficult, amountFen: 100),
            ]),
        ])
        let errors = broken.validate()
        let fields = Set(errors.map(\.field))
        #expect(fields == [
            "version", "programs[0].code", "programs[0].title", "programs[0].amounts[0].amountFen",
            "programs[0].amounts[1].stage", "programs[0].amounts[2]", "programs[1].stages", "programs[2].code",
            "programs[2].amounts",
        ])
        #expect(errors.contains(FieldError(field: "programs[0].amounts[0].amountFen", message: "must not be negative, got -1")))
        #expect(errors.contains(FieldError(field: "programs[2].code", message: "'x-1' is already used by programs[1]")))
        #expect(errors.contains(FieldError(field: "programs[2].amounts", message: "has no amount for stage 'junior-secondary', which the program covers")))
    }

    @Test func catalogWithoutProgramsIsRejected() {
        let empty = GrantCatalog(version: 3, effectiveFrom: Fixtures.autumn2026, programs: [])
        #expect(empty.validate() == [FieldError(field: "programs", message: "must list at least one program")])
    }

    @Test func postedAmountInYuanDecimalsIsRejectedAsNotWholeFen() throws {
        let json = """
        {"version": 2, "effectiveFrom": "2027-spring", "programs": [{"code": "preschool-grant", "title": "Preschool",
         "stages": ["preschool"], "requiresBoarding": false,
         "amounts": [{"stage": "preschool", "tier": "difficult", "amountFen": 750.5}]}]}
        """
        let rejection = try #require(throws: CatalogRejection.self) { try GrantCatalog.parse(json: Data(json.utf8)) }
        #expect(rejection.errors == [FieldError(field: "programs[0].amounts[0].amountFen", message: "must be a whole number of fen, got 750.5")])
    }

    @Test func postedCatalogWithMissingFieldNamesIt() throws {
        let json = #"{"version": 2, "effectiveFrom": "2027-spring", "programs": [{"code": "a", "title": "A", "stages": ["preschool"], "amounts": []}]}"#
        let rejection = try #require(throws: CatalogRejection.self) { try GrantCatalog.parse(json: Data(json.utf8)) }
        #expect(rejection.errors == [FieldError(field: "programs[0].requiresBoarding", message: "is required")])
    }

    @Test func postedCatalogThatDecodesButBreaksRulesIsRejected() throws {
        let json = #"{"version": 2, "effectiveFrom": "2027-spring", "programs": [{"code": "a", "title": "A", "stages": [], "requiresBoarding": false, "amounts": []}]}"#
        let rejection = try #require(throws: CatalogRejection.self) { try GrantCatalog.parse(json: Data(json.utf8)) }
        #expect(rejection.errors == [FieldError(field: "programs[0].stages", message: "must cover at least one stage")])
    }

    @Test func catalogInEffectIsTheLatestStartedOne() {
        let v2 = GrantCatalog(version: 2, effectiveFrom: Fixtures.autumn2026, programs: catalog.programs)
        let v3 = GrantCatalog(version: 3, effectiveFrom: Fixtures.spring2027, programs: catalog.programs)
        let all = [v3, catalog, v2]
        #expect(GrantCatalog.inEffect(for: Fixtures.spring2026, among: all)?.version == 1)
        // Autumn sorts before spring as text but comes later in the year.
        #expect(GrantCatalog.inEffect(for: Fixtures.autumn2026, among: all)?.version == 2)
        #expect(GrantCatalog.inEffect(for: Fixtures.spring2027, among: all)?.version == 3)
        #expect(GrantCatalog.inEffect(for: Semester(year: 2020, term: .spring), among: all) == nil)
    }
}
