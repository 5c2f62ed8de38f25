import AidContracts
import Foundation
import PostgresNIO
import ServiceLifecycle
import ServiceRuntime

/// Publishes the coverage figure, registry-listed students who are identified, whenever it
/// changes. Counting every few seconds, rather than at each place that can change it (imports,
/// decisions, revocations, holds, a listing that lapses at midnight), cannot miss a cause. The
/// last counts published are kept in the schema, so a restart or a second replica does not publish
/// the same counts again; an advisory lock lets one replica count at a time.
struct CoveragePublisher: ServiceLifecycleService {
    let context: ServiceContext
    var interval: Duration = .seconds(10)

    /// Returns (never throws) on graceful shutdown: a service that throws then makes the group
    /// cancel the others, which must instead drain in order (the outbox relay last).
    func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await publishIfChanged()
            } catch {
                // The database may be away for a while; the next round counts again.
                context.logger.warning("coverage not measured", metadata: [LogKey.error: "\(LoggableError.describe(error))"])
            }
            // The wait between rounds, cut short by shutdown.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Counts, and writes a `CoverageMeasured` to the outbox if the counts differ from the last
    /// ones published. Returns the event written, if any.
    @discardableResult
    func publishIfChanged() async throws -> IdentificationEvent.CoverageMeasured? {
        let lock = context.database.schema + ".coverage"
        return try await context.transaction { connection, outbox in
            let locked = try await connection.run("SELECT pg_try_advisory_xact_lock(hashtext(\(lock)))")
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return nil }
            let towns = try await Self.count(on: connection)
            let counts = String(decoding: try JSONEncoder().encode(towns), as: UTF8.self)
            let last = try await connection.run("SELECT counts FROM coverage_published WHERE id = 1 FOR UPDATE")
                .collect().first?.decode(String.self)
            guard counts != last else { return nil }
            let event = IdentificationEvent.CoverageMeasured(
                measurementId: UUID().uuidString.lowercased(),
                measuredAt: Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date()),
                listed: towns.reduce(0) { $0 + $1.listed }, identified: towns.reduce(0) { $0 + $1.identified },
                held: towns.reduce(0) { $0 + $1.held }, byTown: towns)
            try outbox.append(event)
            try await connection.run("""
                INSERT INTO coverage_published (id, counts, published_at) VALUES (1, \(counts), now())
                ON CONFLICT (id) DO UPDATE SET counts = excluded.counts, published_at = excluded.published_at
                """).collect() as [PostgresRow]
            return event
        }
    }

    /// Enrolled students with a registry listing in force today, by the town of their school: how
    /// many, how many identified, how many held after a claw-back. The same "listed" as the gaps
    /// query (`IdentificationRun.gaps`).
    static func count(on connection: PostgresConnection) async throws -> [IdentificationEvent.CoverageMeasured.Town] {
        let rows = try await connection.run("""
            SELECT sc.town_code, count(*)::integer,
                   (count(*) FILTER (WHERE i.student_id IS NOT NULL))::integer,
                   (count(*) FILTER (WHERE h.student_id IS NOT NULL))::integer
            FROM students s
            JOIN schools sc USING (school_id)
            LEFT JOIN identifications i ON i.student_id = s.student_id AND i.status = 'active'
            LEFT JOIN inspection_holds h ON h.student_id = s.student_id AND h.lifted_at IS NULL
            WHERE s.status = 'enrolled'
              AND EXISTS (SELECT 1 FROM registry_entries r
                          WHERE r.resident_id_hash = s.resident_id_hash AND r.valid_from <= current_date
                            AND (r.valid_to IS NULL OR r.valid_to >= current_date))
            GROUP BY sc.town_code ORDER BY sc.town_code
            """)
        var towns: [IdentificationEvent.CoverageMeasured.Town] = []
        for try await (town, listed, identified, held) in rows.decode((String, Int, Int, Int).self) {
            towns.append(.init(townCode: town, listed: listed, identified: identified, held: held))
        }
        return towns
    }
}
