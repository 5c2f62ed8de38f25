/// A course a centre teaches, with the exam score needed to pass it.
public struct CourseDraft: Codable, Sendable, Equatable {
    /// The usual pass mark of vocational skill exams.
    public static let defaultPassMark = 60

    public var courseId: String
    public var centreId: String
    public var title: String
    public var trade: Trade
    public var hours: Int
    public var passMark: Int

    public init(courseId: String, centreId: String, title: String, trade: Trade, hours: Int, passMark: Int = defaultPassMark) {
        self.courseId = courseId
        self.centreId = centreId
        self.title = title
        self.trade = trade
        self.hours = hours
        self.passMark = passMark
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        courseId = try container.decode(String.self, forKey: .courseId)
        centreId = try container.decode(String.self, forKey: .centreId)
        title = try container.decode(String.self, forKey: .title)
        trade = try container.decode(Trade.self, forKey: .trade)
        hours = try container.decode(Int.self, forKey: .hours)
        passMark = try container.decodeIfPresent(Int.self, forKey: .passMark) ?? Self.defaultPassMark
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.identifier(courseId, field: "courseId"),
            FieldRules.identifier(centreId, field: "centreId"),
            FieldRules.text(title, field: "title", maximum: 100),
            FieldRules.range(hours, 1...2000, field: "hours"),
            FieldRules.range(passMark, 1...100, field: "passMark"),
        ].compactMap { $0 }
    }
}
