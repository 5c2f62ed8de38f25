import AidContracts
import Foundation
import PostgresNIO
import ServiceRuntime

/// "Aid everyone who qualifies": decides for every enrolled student, in chunks of one transaction,
/// and lists enrolled students on a government list who are still not identified.
struct IdentificationRun: Sendable {
    let context: ServiceContext
    var chunkSize = 1000

    func runAll() async throws -> IdentificationEngine.Summary {
        var total = IdentificationEngine.Summary()
        var after = ""
        while true {
            let (summary, last) = try await context.transaction { connection, outbox -> (IdentificationEngine.Summary, String?) in
                var ids: [String] = []
                let rows = try await connection.run("""
                    SELECT student_id FROM students WHERE status = 'enrolled' AND student_id > \(after) ORDER BY student_id LIMIT \(chunkSize)
                    """)
                for try await id in rows.decode(String.self) { ids.append(id) }
                return (try await IdentificationEngine(connection: connection).decide(studentIds: ids, outbox: &outbox), ids.last)
            }
            total.add(summary)
            guard let last else { return total }
            after = last
        }
    }

    struct Gap: Codable, Sendable {
        var studentId: String
        var schoolId: String
        var lists: [String]
    }

    /// Enrolled students with a current registry listing and no active identification. After a run
    /// this is empty unless the rules in force do not count some list. Students held after an
    /// inspection claw-back are no gap: they were revoked on purpose.
    func gaps() async throws -> [Gap] {
        var gaps: [Gap] = []
        let rows = try await context.database.query("""
            SELECT s.student_id, s.school_id, array_agg(DISTINCT r.list ORDER BY r.list)
            FROM students s
            JOIN registry_entries r ON r.resident_id_hash = s.resident_id_hash
                 AND r.valid_from <= current_date AND (r.valid_to IS NULL OR r.valid_to >= current_date)
            LEFT JOIN identifications i ON i.student_id = s.student_id AND i.status = 'active'
            WHERE s.status = 'enrolled' AND i.student_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM inspection_holds h WHERE h.student_id = s.student_id AND h.lifted_at IS NULL)
            GROUP BY s.student_id, s.school_id ORDER BY s.student_id
            """)
        for try await (student, school, lists) in rows.decode((String, String, [String]).self) {
            gaps.append(Gap(studentId: student, schoolId: school, lists: lists))
        }
        return gaps
    }
}
