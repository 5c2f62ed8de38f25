import AidContracts
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Closes a school. When it merges into a successor, its enrolled students move there first, each
/// published as a transfer so that every consumer following students sees the move; a school that
/// simply closes must have no enrolled student left. `SchoolClosed` tells the services that follow
/// schools (charity moves or cancels open needs, pairing ends twinning) what happened.
struct SchoolClosing: Sendable {
    let context: ServiceContext

    func close(schoolId: String, successorSchoolId: String?, effectiveDate: String) async throws {
        guard CalendarDay(iso: effectiveDate) != nil else {
            throw APIError.badRequest("effectiveDate", "must be a date yyyy-MM-dd")
        }
        try await context.transaction { connection, outbox in
            let closing = try await connection.run("SELECT status FROM schools WHERE school_id = \(schoolId) FOR UPDATE").collect()
            guard let status = try closing.first?.decode(String.self) else {
                throw APIError.notFound("id", "no school '\(schoolId)' on the roster")
            }
            guard status == "open" else { throw APIError.conflict("id", "school \(schoolId) is already closed") }
            var successorTown: String?
            if let successorSchoolId {
                guard successorSchoolId != schoolId else {
                    throw APIError.badRequest("successorSchoolId", "must name another school than the one closing")
                }
                let successor = try await connection.run("""
                    SELECT town_code, status FROM schools WHERE school_id = \(successorSchoolId) FOR UPDATE
                    """).collect()
                guard let (town, successorStatus) = try successor.first?.decode((String, String).self) else {
                    throw APIError.notFound("successorSchoolId", "no school '\(successorSchoolId)' on the roster")
                }
                guard successorStatus == "open" else {
                    throw APIError.conflict("successorSchoolId", "school \(successorSchoolId) is closed; a school can only merge into an open one")
                }
                successorTown = town
            }
            var enrolled: [(studentId: String, stage: String)] = []
            let students = try await connection.run("""
                SELECT student_id, stage FROM students WHERE school_id = \(schoolId) AND status = 'enrolled' ORDER BY student_id FOR UPDATE
                """)
            for try await (studentId, stage) in students.decode((String, String).self) { enrolled.append((studentId, stage)) }
            if let successorSchoolId, let successorTown {
                try await connection.run("""
                    UPDATE students SET school_id = \(successorSchoolId), updated_at = now()
                    WHERE school_id = \(schoolId) AND status = 'enrolled'
                    """)
                for student in enrolled {
                    try outbox.append(RosterEvent.StudentTransferred(
                        studentId: student.studentId, fromSchoolId: schoolId, toSchoolId: successorSchoolId, townCode: successorTown,
                        stage: Stage(rawValue: student.stage) ?? .primary, effectiveDate: effectiveDate))
                }
            } else if !enrolled.isEmpty {
                throw APIError.conflict("successorSchoolId", "school \(schoolId) still has \(enrolled.count) enrolled students; name the school they merge into, or transfer them first")
            }
            try await connection.run("""
                UPDATE schools SET status = 'closed', successor_school_id = \(successorSchoolId), closed_on = \(effectiveDate)::date, updated_at = now()
                WHERE school_id = \(schoolId)
                """)
            try outbox.append(RosterEvent.SchoolClosed(schoolId: schoolId, successorSchoolId: successorSchoolId, effectiveDate: effectiveDate))
        }
    }
}
