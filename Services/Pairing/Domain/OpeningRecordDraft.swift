/// One day a care room was open: how long, and who came.
public struct OpeningRecordDraft: Codable, Sendable, Equatable {
    /// ISO 8601 calendar date; a room has one record per day.
    public var openedOn: String
    public var hours: Int
    public var childrenPresent: Int
    public var volunteersPresent: Int

    public init(openedOn: String, hours: Int, childrenPresent: Int, volunteersPresent: Int) {
        self.openedOn = openedOn
        self.hours = hours
        self.childrenPresent = childrenPresent
        self.volunteersPresent = volunteersPresent
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.date(openedOn, field: "openedOn"),
            FieldRules.range(hours, 1...24, field: "hours"),
            FieldRules.range(childrenPresent, 0...1_000, field: "childrenPresent"),
            FieldRules.range(volunteersPresent, 0...200, field: "volunteersPresent"),
        ].compactMap { $0 }
    }
}
