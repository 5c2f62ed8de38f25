import AidContracts

/// A school's score for the year: the average of its final reviews, less a deduction for each
/// finding about its aid that year. A school with no final review has no score, whatever else.
public struct YearEndScore: Codable, Sendable, Equatable {
    /// Aid that had to be clawed back weighs far more than a lapse in procedure.
    public static let clawbackDeduction = 10
    public static let proceduralDeduction = 3

    public var reviews: Int
    public var reviewAverage: Int?
    public var findings: Int
    public var deduction: Int
    /// 0–100, nil without a final review.
    public var score: Int?

    public init(reviewScores: [Int], findings: [InspectionEvent.FindingKind]) {
        reviews = reviewScores.count
        reviewAverage = reviewScores.isEmpty ? nil : (reviewScores.reduce(0, +) * 2 + reviewScores.count) / (reviewScores.count * 2)
        self.findings = findings.count
        deduction = findings.reduce(0) { $0 + ($1.requiresClawback ? Self.clawbackDeduction : Self.proceduralDeduction) }
        score = reviewAverage.map { max(0, $0 - deduction) }
    }
}
