import AidContracts
import Foundation
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Transfers, withdrawals and graduations of one student, each published as a roster change.
struct RosterChanges: Sendable {
    let context: ServiceContext

    func apply(_ change: String, studentId: String, toSchoolId: String?, effectiveDate: String) async throws {
        guard CalendarDay(iso: effectiveDate) != nil else {
            throw APIError.badRequest("effectiveDate", "must be a date yyyy-MM-dd")
        }
        try await context.transaction { connection, outbox in
            let rows = try await connection.run("""
                SELECT school_id, stage, status FROM students WHERE student_id = \(studentId) FOR UPDATE
                """).collect()
            guard let (schoolId, stageText, status) = try rows.first?.decode((String, String, String).self) else {
                throw APIError.notFound("id", "no student '\(studentId)' on the roster")
            }
            guard status == "enrolled" else {
                throw APIError.conflict("status", "student \(studentId) is \(status); only an enrolled student can be changed")
            }
            switch change {
            case "transfer":
                guard let toSchoolId, toSchoolId != schoolId else {
                    throw APIError.badRequest("toSchoolId", "is required and must differ from the current school")
                }
                let target = try await connection.run("SELECT town_code FROM schools WHERE school_id = \(toSchoolId)").collect()
                guard let town = try target.first?.decode(String.self) else {
                    throw APIError.notFound("toSchoolId", "no school '\(toSchoolId)' on the roster")
                }
                try await connection.run("UPDATE students SET school_id = \(toSchoolId), updated_at = now() WHERE student_id = \(studentId)")
                try outbox.append(RosterEvent.StudentTransferred(
                    studentId: studentId, fromSchoolId: schoolId, toSchoolId: toSchoolId, townCode: town,
                    stage: Stage(rawValue: stageText) ?? .primary, effectiveDate: effectiveDate))
            case "withdraw":
                try await connection.run("UPDATE students SET status = 'withdrawn', updated_at = now() WHERE student_id = \(studentId)")
                try outbox.append(RosterEvent.StudentWithdrawn(studentId: studentId, schoolId: schoolId, effectiveDate: effectiveDate))
            default:
                try await connection.run("UPDATE students SET status = 'graduated', updated_at = now() WHERE student_id = \(studentId)")
                try outbox.append(RosterEvent.StudentGraduated(studentId: studentId, schoolId: schoolId, effectiveDate: effectiveDate))
            }
        }
    }
}
