import AidContracts
import PostgresNIO
import ServiceRuntime

/// Measurement 3, PostgreSQL's share: per record, the statement shape a consumer uses for a
/// StudentIdentified (one upsert of the student row) and its outbox row, written by the services'
/// own `OutboxBatch` (one multi-row insert per transaction), 500 records per transaction. Both
/// tables are temporary, so nothing is left behind.
struct PostgresInserts {
    static let transactionSize = 500

    let database: Database

    func measure(_ students: IdentifiedStudents) async throws -> PostgresFigures {
        try await database.client.withConnection { connection in
            // Temporary tables live in pg_temp, which PostgreSQL searches first: the unqualified
            // `outbox` that `OutboxBatch.write` inserts into is this one.
            try await connection.run("""
                CREATE TEMPORARY TABLE students (
                    student_id text PRIMARY KEY, household_id text, school_id text NOT NULL, town_code text NOT NULL,
                    stage text NOT NULL, tier text, identified boolean NOT NULL DEFAULT false,
                    updated_at timestamptz NOT NULL DEFAULT now())
                """)
            try await connection.run("""
                CREATE TEMPORARY TABLE outbox (
                    id bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, topic text NOT NULL, message_key text,
                    headers jsonb NOT NULL, payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
                    sent_at timestamptz)
                """)
            try await connection.run("CREATE INDEX ON outbox (id) WHERE sent_at IS NULL")

            let start = ContinuousClock.now
            for first in stride(from: 0, to: students.count, by: Self.transactionSize) {
                try await connection.run("BEGIN")
                var outbox = OutboxBatch(source: "/aid/benchmark")
                for event in students.events[first..<min(first + Self.transactionSize, students.count)] {
                    try await connection.run("""
                        INSERT INTO students (student_id, household_id, school_id, town_code, stage, tier, identified)
                        VALUES (\(event.studentId), \(event.householdId), \(event.placement.schoolId), \(event.placement.townCode),
                                \(event.placement.stage.rawValue), \(event.tier.rawValue), true)
                        ON CONFLICT (student_id) DO UPDATE SET household_id = EXCLUDED.household_id, school_id = EXCLUDED.school_id,
                            town_code = EXCLUDED.town_code, stage = EXCLUDED.stage, tier = EXCLUDED.tier, identified = true, updated_at = now()
                        """)
                    try outbox.append(event, eventID: "identified-\(event.studentId)")
                }
                try await outbox.write(on: connection)
                try await connection.run("COMMIT")
            }
            let elapsed = ContinuousClock.now - start

            try await connection.run("DROP TABLE students, outbox")
            return PostgresFigures(records: students.count, elapsed: elapsed)
        }
    }
}
