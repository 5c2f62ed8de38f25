/// A weak school a twinning run could not pair, and why.
public struct UnpairedSchool: Sendable, Equatable {
    public var schoolId: String
    public var reason: String

    public init(schoolId: String, reason: String) {
        self.schoolId = schoolId
        self.reason = reason
    }
}
