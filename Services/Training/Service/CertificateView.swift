import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// A certificate as an employer or the bureau checks it: which course, which centre, when, what score.
struct CertificateView: ResponseCodable {
    var certificateId: String
    var traineeId: String
    var name: String?
    var courseId: String
    var courseTitle: String
    var centreId: String
    var centreName: String
    var issuedOn: String
    var score: Int

    static func load(_ certificateId: String, revealName: Bool, database: Database, vault: PersonalDataVault) async throws -> CertificateView? {
        let rows = try await database.query("""
            SELECT c.trainee_id, t.full_name_sealed, c.course_id, co.title, co.centre_id, ce.name, c.issued_on::text, r.score
            FROM certificates c JOIN trainees t USING (trainee_id) JOIN courses co USING (course_id)
            JOIN centres ce ON ce.centre_id = co.centre_id JOIN exam_results r USING (enrolment_id)
            WHERE c.certificate_id = \(certificateId)
            """).collect()
        guard let (traineeId, sealedName, courseId, title, centreId, centreName, issuedOn, score)
                = try rows.first?.decode((String, Data, String, String, String, String, String, Int).self) else { return nil }
        return CertificateView(
            certificateId: certificateId, traineeId: traineeId, name: revealName ? try vault.open(sealedName) : nil, courseId: courseId, courseTitle: title,
            centreId: centreId, centreName: centreName, issuedOn: issuedOn, score: score)
    }
}
