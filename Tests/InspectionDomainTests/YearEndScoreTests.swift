import InspectionDomain
import Testing

@Suite("Per-school year-end score")
struct YearEndScoreTests {
    @Test("the average of final reviews, rounded half up, less deductions for findings")
    func averageLessDeductions() {
        #expect(YearEndScore(reviewScores: [83, 82], findings: []).score == 83)
        let score = YearEndScore(reviewScores: [90], findings: [.fraud, .procedural])
        #expect(score.deduction == 13)
        #expect(score.score == 77)
        #expect(score.findings == 2)
    }

    @Test("never below zero, and no score without a final review")
    func bounds() {
        #expect(YearEndScore(reviewScores: [15], findings: [.fraud, .favouritism]).score == 0)
        let unreviewed = YearEndScore(reviewScores: [], findings: [.fraud])
        #expect(unreviewed.score == nil && unreviewed.reviewAverage == nil && unreviewed.deduction == 10)
    }
}
