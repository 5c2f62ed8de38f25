/// One line of `training-centres.jsonl`: a centre that trains rural workers and its courses, in the
/// shapes the training service takes.
public struct TrainingCentreRecord: Codable, Sendable, Equatable {
    public struct Course: Codable, Sendable, Equatable {
        public var courseId: String
        public var centreId: String
        public var title: String
        public var trade: String
        public var hours: Int
        public var passMark: Int
    }

    public var centreId: String
    public var name: String
    /// `vocational-school`, `technical-school` or `adult-education`.
    public var kind: String
    public var townCode: String
    public var courses: [Course]
}
