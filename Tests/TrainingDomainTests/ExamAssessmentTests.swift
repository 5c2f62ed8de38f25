import Testing
import TrainingDomain

@Suite("Exam results and certificates")
struct ExamAssessmentTests {
    @Test("a trainee passes with the pass mark and 80% attendance, both counted at the boundary")
    func passAtTheBoundary() throws {
        let assessment = try ExamAssessment.assess(score: 60, passMark: 60, attendedDays: 8, classDays: 10)
        #expect(assessment.passed)
        #expect(assessment.attendancePercent == 80)
        #expect(assessment.reasons.isEmpty)
    }

    @Test("a score below the pass mark fails, and says why")
    func lowScoreFails() throws {
        let assessment = try ExamAssessment.assess(score: 59, passMark: 60, attendedDays: 10, classDays: 10)
        #expect(!assessment.passed)
        #expect(assessment.reasons == ["score 59 is below the pass mark 60"])
    }

    @Test("too little attendance fails even a high score; the percentage rounds down")
    func lowAttendanceFails() throws {
        // 39 of 49 days is 79.6%: below 80%.
        let assessment = try ExamAssessment.assess(score: 95, passMark: 60, attendedDays: 39, classDays: 49)
        #expect(assessment.attendancePercent == 79)
        #expect(assessment.reasons == ["attended 79% of class days; at least 80% is required"])
        let both = try ExamAssessment.assess(score: 10, passMark: 60, attendedDays: 0, classDays: 5)
        #expect(both.reasons.count == 2)
    }

    @Test("numbers that cannot describe an exam are refused naming the field", arguments: [
        (101, 5, 5, "score"), (-1, 5, 5, "score"), (70, 0, 0, "attendance"), (70, 6, 5, "attendance"), (70, -1, 5, "attendance"),
    ])
    func impossibleNumbers(score: Int, attended: Int, held: Int, field: String) {
        #expect(throws: FieldError.self) { try ExamAssessment.assess(score: score, passMark: 60, attendedDays: attended, classDays: held) }
        do {
            _ = try ExamAssessment.assess(score: score, passMark: 60, attendedDays: attended, classDays: held)
        } catch {
            #expect(error.field == field)
        }
    }
}
