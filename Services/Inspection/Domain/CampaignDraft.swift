import AidContracts

/// An inspection campaign, e.g. the spring-semester special inspection of student aid.
public struct CampaignDraft: Codable, Sendable, Equatable {
    public var campaignId: String
    public var title: String
    /// The year whose year-end scores the campaign's reviews count towards.
    public var year: Int
    public var startsOn: CalendarDay
    public var endsOn: CalendarDay

    public init(campaignId: String, title: String, year: Int, startsOn: CalendarDay, endsOn: CalendarDay) {
        self.campaignId = campaignId
        self.title = title
        self.year = year
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(campaignId, field: "campaignId"),
            FieldRules.text(title, field: "title", maximum: 200),
            (2000...2200).contains(year) ? nil : FieldError(field: "year", rule: "must be between 2000 and 2200, got \(year)"),
            endsOn < startsOn ? FieldError(field: "endsOn", rule: "must not be before startsOn (\(startsOn)), got \(endsOn)") : nil,
        ].compactMap { $0 }
    }
}
