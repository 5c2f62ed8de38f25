import InspectionDomain
import Testing

@Suite("Cross review: teams from another district")
struct CrossReviewTests {
    static let schools = [
        CrossReview.School(schoolId: "SCH-A1", districtCode: "370785"),
        CrossReview.School(schoolId: "SCH-A2", districtCode: "370785"),
        CrossReview.School(schoolId: "SCH-B1", districtCode: "370786"),
        CrossReview.School(schoolId: "SCH-C1", districtCode: "370787"),
    ]

    @Test("a team may not review a school of its own district")
    func ownDistrictRefused() {
        let team = CrossReview.Team(teamId: "T-785", districtCode: "370785")
        #expect(CrossReview.refusal(team: team, school: Self.schools[0])?.field == "teamId")
        #expect(CrossReview.refusal(team: team, school: Self.schools[2]) == nil)
    }

    @Test("every school goes to the least-loaded team of another district")
    func balancedPlan() {
        let teams = [CrossReview.Team(teamId: "T-785", districtCode: "370785"), CrossReview.Team(teamId: "T-786", districtCode: "370786")]
        let plan = CrossReview.plan(schools: Self.schools, teams: teams)
        #expect(plan.assignments == ["SCH-A1": "T-786", "SCH-A2": "T-786", "SCH-B1": "T-785", "SCH-C1": "T-785"])
        #expect(plan.unassignable.isEmpty)
        for (school, team) in plan.assignments {
            let schoolDistrict = Self.schools.first { $0.schoolId == school }!.districtCode
            #expect(teams.first { $0.teamId == team }!.districtCode != schoolDistrict)
        }
    }

    @Test("existing reviews count towards a team's load; a school with no other-district team is reported")
    func loadAndGaps() {
        let teams = [
            CrossReview.Team(teamId: "T-786", districtCode: "370786"),
            CrossReview.Team(teamId: "T-787", districtCode: "370787"),
        ]
        let plan = CrossReview.plan(schools: [Self.schools[0]], teams: teams, existingLoad: ["T-786": 2])
        #expect(plan.assignments == ["SCH-A1": "T-787"])
        let lonely = CrossReview.plan(schools: [Self.schools[2]], teams: [teams[0]])
        #expect(lonely.unassignable == ["SCH-B1"])
    }
}
