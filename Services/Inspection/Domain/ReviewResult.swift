/// What a team found at a school: aid management and archive management, each scored 0–100.
public struct ReviewResult: Codable, Sendable, Equatable {
    /// Aid management (who was aided and why, amounts, publication) weighs more than the archive.
    public static let aidWeightPercent = 60

    public var aidManagementScore: Int
    public var archiveManagementScore: Int
    public var notes: String?

    public init(aidManagementScore: Int, archiveManagementScore: Int, notes: String? = nil) {
        self.aidManagementScore = aidManagementScore
        self.archiveManagementScore = archiveManagementScore
        self.notes = notes
    }

    /// The weighted score, rounded half up in integers.
    public var score: Int {
        (aidManagementScore * Self.aidWeightPercent + archiveManagementScore * (100 - Self.aidWeightPercent) + 50) / 100
    }

    public func validate() -> [FieldError] {
        [
            FieldRules.score(aidManagementScore, field: "aidManagementScore"),
            FieldRules.score(archiveManagementScore, field: "archiveManagementScore"),
            notes.flatMap { $0.count > 2000 ? FieldError(field: "notes", rule: "must be at most 2000 characters") : nil },
        ].compactMap { $0 }
    }
}
