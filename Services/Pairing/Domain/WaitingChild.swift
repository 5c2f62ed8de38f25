import Foundation

/// A left-behind child, enrolled and without a volunteer.
public struct WaitingChild: Sendable, Equatable {
    public var studentId: String
    public var schoolId: String
    public var townCode: String
    /// When the child last became unpaired; the longest waiting is matched first.
    public var waitingSince: Date

    public init(studentId: String, schoolId: String, townCode: String, waitingSince: Date) {
        self.studentId = studentId
        self.schoolId = schoolId
        self.townCode = townCode
        self.waitingSince = waitingSince
    }
}
