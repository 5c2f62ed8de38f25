/// A condition assessment as submitted: the checklist of one school and the list of what it needs.
public struct AssessmentDraft: Codable, Sendable, Equatable {
    public var assessmentId: String
    public var schoolId: String
    /// ISO 8601 calendar date.
    public var assessedOn: String
    public var checklist: ConditionChecklist
    public var needs: [NeedDraft]

    public init(assessmentId: String, schoolId: String, assessedOn: String, checklist: ConditionChecklist, needs: [NeedDraft]) {
        self.assessmentId = assessmentId
        self.schoolId = schoolId
        self.assessedOn = assessedOn
        self.checklist = checklist
        self.needs = needs
    }

    /// Every broken rule at once. An item is listed once per assessment, so a need is one row that
    /// allocations fill, never two rows competing for the same pledges.
    public func validate() -> [FieldError] {
        var problems = [
            FieldRules.identifier(assessmentId, field: "assessmentId"),
            FieldRules.identifier(schoolId, field: "schoolId"),
            FieldRules.date(assessedOn, field: "assessedOn"),
        ].compactMap { $0 }
        problems += checklist.validate(prefix: "checklist.")
        if needs.count > 50 {
            problems.append(FieldError(field: "needs", rule: "must list at most 50 items, got \(needs.count)"))
        }
        var seen: [String: Int] = [:]
        for (index, need) in needs.enumerated() {
            let field = "needs[\(index)]"
            problems += [
                FieldRules.itemCode(need.itemCode, field: "\(field).itemCode"),
                FieldRules.range(need.quantity, 1...10_000, field: "\(field).quantity"),
            ].compactMap { $0 }
            if let first = seen[need.itemCode] {
                problems.append(FieldError(field: "\(field).itemCode", rule: "'\(need.itemCode)' is already listed at needs[\(first)]; list each item once"))
            } else {
                seen[need.itemCode] = index
            }
        }
        return problems
    }

    /// The id of the need at `index`: stable, so a retried request cannot create a second need.
    public func needId(at index: Int) -> String { "\(assessmentId)-\(index + 1)" }
}
