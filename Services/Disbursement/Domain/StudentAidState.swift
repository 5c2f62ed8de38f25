import AidContracts

/// What the disbursement service knows about a student when planning entitlements.
public struct StudentAidState: Sendable, Hashable {
    public var studentId: String
    public var stage: Stage
    /// Nil until identification has decided a tier; an unidentified student is entitled to nothing.
    public var tier: NeedTier?
    /// False once the student has withdrawn, graduated or had identification revoked.
    public var active: Bool
    /// Whether the student boards at school; the service decides this from the roster and school.
    public var boarding: Bool

    public init(studentId: String, stage: Stage, tier: NeedTier?, active: Bool, boarding: Bool) {
        self.studentId = studentId
        self.stage = stage
        self.tier = tier
        self.active = active
        self.boarding = boarding
    }
}
