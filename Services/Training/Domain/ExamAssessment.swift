/// Whether an enrolled trainee passed: the exam score must reach the course's pass mark and the
/// trainee must have attended enough class days, so a certificate always stands for the training.
public struct ExamAssessment: Sendable, Equatable {
    /// Share of class days a trainee must attend to pass.
    public static let minimumAttendancePercent = 80

    public var passed: Bool
    /// Attended ÷ held class days, rounded down: 79.9% is below 80%.
    public var attendancePercent: Int
    /// Why the trainee failed; empty on a pass.
    public var reasons: [String]

    /// - Throws: when the numbers cannot describe an exam: a score outside 0–100, no roll call yet,
    ///   or more days attended than held.
    public static func assess(score: Int, passMark: Int, attendedDays: Int, classDays: Int) throws(FieldError) -> ExamAssessment {
        guard (0...100).contains(score) else { throw FieldError(field: "score", rule: "must be between 0 and 100, got \(score)") }
        guard classDays > 0 else {
            throw FieldError(field: "attendance", rule: "no roll call has been taken in this session; record attendance before exam results")
        }
        guard (0...classDays).contains(attendedDays) else {
            throw FieldError(field: "attendance", rule: "\(attendedDays) days attended of \(classDays) held is impossible")
        }
        let attendance = attendedDays * 100 / classDays
        var reasons: [String] = []
        if score < passMark { reasons.append("score \(score) is below the pass mark \(passMark)") }
        if attendance < minimumAttendancePercent {
            reasons.append("attended \(attendance)% of class days; at least \(minimumAttendancePercent)% is required")
        }
        return ExamAssessment(passed: reasons.isEmpty, attendancePercent: attendance, reasons: reasons)
    }
}
