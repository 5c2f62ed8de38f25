/// What pairing knows of a child from the roster, after a change has been applied.
public struct ChildState: Sendable, Equatable {
    public var schoolId: String
    public var townCode: String
    public var leftBehind: Bool
    /// False once the child graduated or withdrew.
    public var enrolled: Bool

    public init(schoolId: String, townCode: String, leftBehind: Bool, enrolled: Bool) {
        self.schoolId = schoolId
        self.townCode = townCode
        self.leftBehind = leftBehind
        self.enrolled = enrolled
    }

    /// A child who should have a volunteer.
    public var needsCare: Bool { enrolled && leftBehind }
}
