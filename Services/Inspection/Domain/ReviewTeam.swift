/// A review team of a campaign, drawn from one district; it reviews schools of other districts only.
public struct ReviewTeam: Codable, Sendable, Equatable {
    /// A review is signed by every member, so a team is small enough to meet and large enough not to be one person.
    public static let memberRange = 2...7

    public var teamId: String
    public var districtCode: String
    public var members: [TeamMember]

    public init(teamId: String, districtCode: String, members: [TeamMember]) {
        self.teamId = teamId
        self.districtCode = districtCode
        self.members = members
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = [
            FieldRules.identifier(teamId, field: "teamId"),
            districtCode.count == 6 && districtCode.allSatisfy { ("0"..."9").contains($0) }
                ? nil : FieldError(field: "districtCode", rule: "must be a 6-digit district code, got '\(districtCode)'"),
        ].compactMap { $0 }
        if !Self.memberRange.contains(members.count) {
            errors.append(FieldError(field: "members", rule: "must list \(Self.memberRange.lowerBound)–\(Self.memberRange.upperBound) inspectors, got \(members.count)"))
        }
        var seen = Set<String>()
        for (index, member) in members.enumerated() {
            if member.inspectorId.isEmpty || member.inspectorId.count > 100 {
                errors.append(FieldError(field: "members[\(index)].inspectorId", rule: "must be 1–100 characters"))
            } else if !seen.insert(member.inspectorId).inserted {
                errors.append(FieldError(field: "members[\(index)].inspectorId", rule: "'\(member.inspectorId)' is already on the team"))
            }
            if let error = FieldRules.text(member.name, field: "members[\(index)].name", maximum: 50) { errors.append(error) }
        }
        return errors
    }
}
