import AidContracts

/// A finding as an inspector records it, with the accountability record: the person responsible and
/// the school head. `paymentIds` limits a claw-back to some payments; without it every payment the
/// student received is recovered, including any confirmed after the order.
public struct FindingDraft: Codable, Sendable, Equatable {
    public var findingId: String
    public var studentId: String
    public var kind: InspectionEvent.FindingKind
    public var summary: String
    public var responsible: AccountablePerson
    public var schoolHead: AccountablePerson
    public var paymentIds: [String]?
    /// The re-check that brought the finding to light, if any.
    public var recheckTaskId: String?

    public init(
        findingId: String, studentId: String, kind: InspectionEvent.FindingKind, summary: String, responsible: AccountablePerson,
        schoolHead: AccountablePerson, paymentIds: [String]? = nil, recheckTaskId: String? = nil
    ) {
        self.findingId = findingId
        self.studentId = studentId
        self.kind = kind
        self.summary = summary
        self.responsible = responsible
        self.schoolHead = schoolHead
        self.paymentIds = paymentIds
        self.recheckTaskId = recheckTaskId
    }

    public func validate() -> [FieldError] {
        var errors = [
            FieldRules.identifier(findingId, field: "findingId"),
            FieldRules.text(studentId, field: "studentId", maximum: 60),
            FieldRules.text(summary, field: "summary", maximum: 2000),
        ].compactMap { $0 }
        errors += responsible.validate(field: "responsible")
        errors += schoolHead.validate(field: "schoolHead")
        if let paymentIds {
            if !kind.requiresClawback {
                errors.append(FieldError(field: "paymentIds", rule: "a \(kind.rawValue) finding recovers nothing; leave paymentIds out"))
            } else if paymentIds.isEmpty {
                errors.append(FieldError(field: "paymentIds", rule: "must list at least one payment, or be left out to recover every payment"))
            }
        }
        return errors
    }
}
