/// One exam result, as far as pass rates need it.
public struct ExamRecord: Sendable, Hashable {
    public var courseId: String
    public var centreId: String
    public var year: Int
    public var passed: Bool

    public init(courseId: String, centreId: String, year: Int, passed: Bool) {
        self.courseId = courseId
        self.centreId = centreId
        self.year = year
        self.passed = passed
    }
}
