/// Cross review: a school is reviewed by a team from another district, never by its own district's
/// inspectors, so nobody judges the aid they administer.
public enum CrossReview {
    public struct School: Sendable, Hashable {
        public var schoolId: String
        public var districtCode: String

        public init(schoolId: String, districtCode: String) {
            self.schoolId = schoolId
            self.districtCode = districtCode
        }
    }

    public struct Team: Sendable, Hashable {
        public var teamId: String
        public var districtCode: String

        public init(teamId: String, districtCode: String) {
            self.teamId = teamId
            self.districtCode = districtCode
        }
    }

    public struct Plan: Sendable, Equatable {
        /// School id → team id.
        public var assignments: [String: String]
        /// Schools no team from another district could take.
        public var unassignable: [String]
    }

    /// Why `team` may not review `school`, or nil when it may.
    public static func refusal(team: Team, school: School) -> FieldError? {
        team.districtCode == school.districtCode
            ? FieldError(field: "teamId", rule: "team \(team.teamId) is from district \(team.districtCode), the district of school \(school.schoolId); a school is reviewed by a team from another district")
            : nil
    }

    /// Assigns each school to the least-loaded team from another district (ties by team id), schools
    /// in id order, starting from the reviews the teams already have.
    public static func plan(schools: [School], teams: [Team], existingLoad: [String: Int] = [:]) -> Plan {
        var load = existingLoad
        var plan = Plan(assignments: [:], unassignable: [])
        for school in schools.sorted(by: { $0.schoolId < $1.schoolId }) {
            let eligible = teams.filter { refusal(team: $0, school: school) == nil }
            guard let team = eligible.min(by: { (load[$0.teamId] ?? 0, $0.teamId) < (load[$1.teamId] ?? 0, $1.teamId) }) else {
                plan.unassignable.append(school.schoolId)
                continue
            }
            plan.assignments[school.schoolId] = team.teamId
            load[team.teamId, default: 0] += 1
        }
        return plan
    }
}
