import AidContracts

/// One run of a course, from its first to its last class day, with a fixed number of seats.
public struct SessionDraft: Codable, Sendable, Equatable {
    public static let capacityRange = 1...500

    public var sessionId: String
    public var courseId: String
    public var startsOn: CalendarDay
    public var endsOn: CalendarDay
    public var capacity: Int

    public init(sessionId: String, courseId: String, startsOn: CalendarDay, endsOn: CalendarDay, capacity: Int) {
        self.sessionId = sessionId
        self.courseId = courseId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.capacity = capacity
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(sessionId, field: "sessionId"),
            FieldRules.identifier(courseId, field: "courseId"),
            endsOn < startsOn ? FieldError(field: "endsOn", rule: "must not be before startsOn (\(startsOn)), got \(endsOn)") : nil,
            FieldRules.range(capacity, Self.capacityRange, field: "capacity"),
        ].compactMap { $0 }
    }
}
