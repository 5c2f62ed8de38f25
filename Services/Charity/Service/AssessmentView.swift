import CharityDomain
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// An assessment as recorded: the counted checklist, its scores and the needs it listed.
struct AssessmentView: ResponseCodable, Sendable {
    var assessmentId: String
    var schoolId: String
    var assessedOn: String
    var assessedBy: String
    var conditionScore: Int
    var scores: ConditionScores
    var checklist: ConditionChecklist
    var needs: [NeedView]

    static func load(_ assessmentId: String, on connection: PostgresConnection) async throws -> AssessmentView? {
        let rows = try await connection.run("""
            SELECT school_id, assessed_on::text, assessed_by, checklist::text FROM assessments WHERE assessment_id = \(assessmentId)
            """).collect()
        guard let (school, assessedOn, assessedBy, checklistJSON) = try rows.first?.decode((String, String, String, String).self) else { return nil }
        let checklist = try JSONDecoder().decode(ConditionChecklist.self, from: Data(checklistJSON.utf8))
        let scores = ConditionScores(checklist)
        return AssessmentView(
            assessmentId: assessmentId, schoolId: school, assessedOn: assessedOn, assessedBy: assessedBy, conditionScore: scores.overall,
            scores: scores, checklist: checklist,
            needs: try await NeedView.load(NeedView.Filter(assessmentId: assessmentId), on: connection))
    }
}
