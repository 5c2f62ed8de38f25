import AidContracts
import InspectionDomain
import Testing

@Suite("Findings, teams and campaigns as submitted")
struct FindingAndCampaignTests {
    static let teacher = AccountablePerson(name: "Zhou Ming", position: "class teacher")
    static let head = AccountablePerson(name: "Wu Hong", position: "head teacher")

    @Test("a complete finding has no problems; a procedural lapse takes no payments")
    func findings() {
        #expect(FindingDraft(findingId: "F-1", studentId: "STU-1", kind: .fraud, summary: "Forged dibao certificate", responsible: Self.teacher, schoolHead: Self.head).validate().isEmpty)
        let procedural = FindingDraft(findingId: "F-2", studentId: "STU-1", kind: .procedural, summary: "List not published", responsible: Self.teacher, schoolHead: Self.head, paymentIds: ["P-1"])
        #expect(procedural.validate().map(\.field) == ["paymentIds"])
        let empty = FindingDraft(findingId: "F 3", studentId: "STU-1", kind: .favouritism, summary: "", responsible: AccountablePerson(name: "", position: "aid officer"), schoolHead: Self.head, paymentIds: [])
        #expect(empty.validate().map(\.field) == ["findingId", "summary", "responsible.name", "paymentIds"])
    }

    @Test("a team has 2–7 distinct named inspectors and a 6-digit district")
    func teams() {
        let members = [TeamMember(inspectorId: "inspector-zhao", name: "Zhao Lei"), TeamMember(inspectorId: "inspector-qian", name: "Qian Yu")]
        #expect(ReviewTeam(teamId: "T-1", districtCode: "370786", members: members).validate().isEmpty)
        #expect(ReviewTeam(teamId: "T-1", districtCode: "3707", members: [members[0]]).validate().map(\.field) == ["districtCode", "members"])
        #expect(ReviewTeam(teamId: "T-1", districtCode: "370786", members: [members[0], members[0]]).validate().map(\.field) == ["members[1].inspectorId"])
    }

    @Test("a campaign names its year and does not end before it starts")
    func campaigns() {
        let start = CalendarDay(iso: "2027-03-01")!
        let end = CalendarDay(iso: "2027-05-31")!
        #expect(CampaignDraft(campaignId: "C-2027S", title: "Spring special inspection", year: 2027, startsOn: start, endsOn: end).validate().isEmpty)
        #expect(CampaignDraft(campaignId: "C-2027S", title: "x", year: 1999, startsOn: end, endsOn: start).validate().map(\.field) == ["year", "endsOn"])
    }
}
