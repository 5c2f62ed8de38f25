/// One line of `training-sessions.jsonl`: a session of a course, its trainees, the class days each
/// missed and the exam score each got. A trainee passes with a score at the pass mark and at least
/// 80% attendance; the generator plans about 96% passes.
public struct TrainingSessionRecord: Codable, Sendable, Equatable {
    public struct Trainee: Codable, Sendable, Equatable {
        public var name: String
        public var townCode: String
        /// The roster household the trainee belongs to, when it has children at school.
        public var householdId: String?
        /// Class days (yyyy-MM-dd) the trainee was absent.
        public var absentOn: [String]
        public var score: Int
        /// What the generator planned, so the loaded pass rate can be checked against it.
        public var expectedToPass: Bool
    }

    public var sessionId: String
    public var courseId: String
    public var startsOn: String
    public var endsOn: String
    public var capacity: Int
    /// Every day from `startsOn` to `endsOn` is a class day with a roll call.
    public var classDays: [String]
    public var examDay: String
    public var trainees: [Trainee]
}
