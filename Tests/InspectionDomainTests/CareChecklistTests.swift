import AidContracts
import InspectionDomain
import Testing

@Suite("Care of vulnerable groups: checklist and gaps")
struct CareChecklistTests {
    @Test("registry lists are read from identification evidence; other evidence names no group")
    func groupsFromBasis() {
        #expect(VulnerableGroup.lists(inBasis: ["registry:dibao", "survey:income-below-threshold", "registry:orphan", "registry:dibao", "registry:unknown"])
                == [.dibao, .orphan])
        #expect(VulnerableGroup(.registeredPoor) == .registeredPoor)
    }

    @Test("each group has its measures; a student in several groups needs them all once")
    func required() {
        #expect(CareChecklist.required(for: [.dibao]) == [.financialAid, .homeVisit])
        #expect(CareChecklist.required(for: [.leftBehind]) == [.guardianContact, .oneToOnePairing, .psychologicalCounselling])
        #expect(CareChecklist.required(for: [.orphan, .leftBehind, .disability]) == [
            .financialAid, .homeVisit, .guardianContact, .oneToOnePairing, .psychologicalCounselling, .accessibilitySupport,
        ])
        #expect(CareChecklist.required(for: []).isEmpty)
        for group in VulnerableGroup.allCases { #expect(!CareChecklist.measures(for: group).isEmpty, "\(group) has no measures") }
    }

    @Test("what is required and not delivered is missing")
    func missing() {
        #expect(CareChecklist.missing(for: [.disability], delivered: [.homeVisit, .oneToOnePairing]) == [.financialAid, .accessibilitySupport])
        #expect(CareChecklist.missing(for: [.tekun], delivered: [.financialAid, .homeVisit]).isEmpty)
        #expect(CareMeasure.allCases.filter { !$0.isRecorded } == [.financialAid])
    }
}
