import AidContracts
import PairingDomain
import Testing

@Suite("Care rules after roster changes")
struct CareRulesTests {
    static let volunteer = VolunteerSlot(volunteerId: "V-1", townCode: "370785104", schoolId: "SCH-1", capacity: 2, activePairs: 1)

    static func child(town: String = "370785104", leftBehind: Bool = true, enrolled: Bool = true) -> ChildState {
        ChildState(schoolId: "SCH-1", townCode: town, leftBehind: leftBehind, enrolled: enrolled)
    }

    @Test func anUnpairedLeftBehindChildIsMatched() {
        #expect(CareRules.decide(after: .enrolled, child: Self.child(), pairedVolunteer: nil) == .seek)
        #expect(CareRules.decide(after: .detailsChanged, child: Self.child(), pairedVolunteer: nil) == .seek)
        #expect(CareRules.decide(after: .enrolled, child: Self.child(leftBehind: false), pairedVolunteer: nil) == .keep)
    }

    @Test func graduationAndWithdrawalEndThePair() {
        #expect(CareRules.decide(after: .graduated, child: Self.child(enrolled: false), pairedVolunteer: Self.volunteer) == .end(.graduated, seekAgain: false))
        #expect(CareRules.decide(after: .withdrawn, child: Self.child(enrolled: false), pairedVolunteer: Self.volunteer) == .end(.withdrawn, seekAgain: false))
        #expect(CareRules.decide(after: .withdrawn, child: Self.child(enrolled: false), pairedVolunteer: nil) == .keep)
    }

    @Test func parentsComingHomeEndThePair() {
        #expect(CareRules.decide(after: .detailsChanged, child: Self.child(leftBehind: false), pairedVolunteer: Self.volunteer)
            == .end(.noLongerLeftBehind, seekAgain: false))
    }

    @Test func aTransferKeepsAVolunteerWhoServesTheNewTownshipAndReMatchesOtherwise() {
        #expect(CareRules.decide(after: .transferred, child: Self.child(), pairedVolunteer: Self.volunteer) == .keep)
        #expect(CareRules.decide(after: .transferred, child: Self.child(town: "370785106"), pairedVolunteer: Self.volunteer)
            == .end(.transferred, seekAgain: true))
    }
}
