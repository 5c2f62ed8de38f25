/// A donor's pledge as recorded by the charity federation. The donor's name stays in the charity
/// service; events name the donor by `donorId` only.
public struct PledgeDraft: Codable, Sendable, Equatable {
    public var pledgeId: String
    public var donorId: String
    public var donorName: String
    /// ISO 8601 calendar date.
    public var pledgedOn: String
    public var lines: [PledgeLineDraft]

    public init(pledgeId: String, donorId: String, donorName: String, pledgedOn: String, lines: [PledgeLineDraft]) {
        self.pledgeId = pledgeId
        self.donorId = donorId
        self.donorName = donorName
        self.pledgedOn = pledgedOn
        self.lines = lines
    }

    public func validate() -> [FieldError] {
        var problems = [
            FieldRules.identifier(pledgeId, field: "pledgeId"),
            FieldRules.identifier(donorId, field: "donorId"),
            FieldRules.text(donorName, field: "donorName", maximum: 100),
            FieldRules.date(pledgedOn, field: "pledgedOn"),
        ].compactMap { $0 }
        if !(1...100).contains(lines.count) {
            problems.append(FieldError(field: "lines", rule: "must hold 1–100 lines, got \(lines.count)"))
        }
        for (index, line) in lines.enumerated() {
            problems += line.validate(field: "lines[\(index)]")
        }
        return problems
    }
}
