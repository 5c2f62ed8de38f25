/// An activity of a twinning pair as logged by either school or the bureau.
public struct ActivityDraft: Codable, Sendable, Equatable {
    public var kind: ActivityKind
    /// ISO 8601 calendar date.
    public var heldOn: String
    /// Teachers and pupils taking part, both schools together.
    public var participants: Int
    public var summary: String

    public init(kind: ActivityKind, heldOn: String, participants: Int, summary: String) {
        self.kind = kind
        self.heldOn = heldOn
        self.participants = participants
        self.summary = summary
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.date(heldOn, field: "heldOn"),
            FieldRules.range(participants, 1...2_000, field: "participants"),
            FieldRules.text(summary, field: "summary", maximum: 500),
        ].compactMap { $0 }
    }
}
