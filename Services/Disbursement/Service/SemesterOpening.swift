import AidContracts
import ServiceRuntime

/// Opening a semester grants every enrolled, identified student what the catalog in effect gives
/// them, in chunks of one transaction each; re-opening (or a crash mid-way and a retry) grants only
/// what is missing.
struct SemesterOpening: Sendable {
    let context: ServiceContext
    var chunkSize = 2000

    func open(_ semester: Semester, by actor: String) async throws -> Int {
        try await context.transaction { connection, _ in
            try await connection.run("""
                INSERT INTO semesters (semester, status, opened_by) VALUES (\(semester.description), 'open', \(actor))
                ON CONFLICT (semester) DO UPDATE SET status = 'open'
                """)
        }
        var granted = 0
        var after = ""
        while true {
            let (count, last) = try await context.transaction { connection, outbox -> (Int, String?) in
                let store = DisbursementStore(connection: connection)
                let students = try await store.activeStudents(after: after, limit: chunkSize)
                let count = try await EntitlementGranting(store: store).grant(
                    to: students, in: [semester], catalogs: try await store.catalogs(), outbox: &outbox)
                return (count, students.last?.studentId)
            }
            granted += count
            guard let last else { return granted }
            after = last
        }
    }
}
