import Hummingbird
import PostgresNIO
import ServiceRuntime
import TrainingDomain

/// Pass rates of exams by course, centre or year, optionally of one year, with the overall rate.
struct PassRateReport: ResponseCodable {
    var by: String
    var year: Int?
    var rows: [PassRate]
    var overall: PassRate

    static func load(by dimension: PassRate.Dimension, year: Int?, database: Database) async throws -> PassRateReport {
        var records: [ExamRecord] = []
        let rows = try await database.query("""
            SELECT s.course_id, c.centre_id, r.exam_year, r.passed
            FROM exam_results r JOIN enrolments e USING (enrolment_id) JOIN sessions s USING (session_id) JOIN courses c USING (course_id)
            WHERE \(year)::integer IS NULL OR r.exam_year = \(year)
            """)
        for try await (courseId, centreId, examYear, passed) in rows.decode((String, String, Int, Bool).self) {
            records.append(ExamRecord(courseId: courseId, centreId: centreId, year: examYear, passed: passed))
        }
        return PassRateReport(
            by: dimension.rawValue, year: year, rows: PassRate.rates(records, by: dimension),
            overall: PassRate(key: "all", examined: records.count, passed: records.filter(\.passed).count))
    }
}
