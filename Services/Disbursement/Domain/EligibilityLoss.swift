import AidContracts

/// A student stopped being eligible: the trigger for revoking entitlements not yet paid.
public struct EligibilityLoss: Sendable, Hashable {
    /// Raw values are the `reason` of the `EntitlementRevoked` events this loss leads to.
    public enum Cause: String, Sendable, Hashable, Codable {
        case withdrawn = "student-withdrawn"
        case identificationRevoked = "identification-revoked"
        /// An inspection finding ordered the student's aid recovered; nothing more is paid.
        case clawbackOrdered = "clawback-ordered"
    }

    public var studentId: String
    public var cause: Cause
    /// The semester under way when the loss took effect; earlier semesters are left as they were.
    public var currentSemester: Semester

    public init(studentId: String, cause: Cause, currentSemester: Semester) {
        self.studentId = studentId
        self.cause = cause
        self.currentSemester = currentSemester
    }
}
