import AidContracts
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceRuntime
import Testing

/// The shared runtime against the real PostgreSQL and broker: migrations under concurrency, the
/// outbox relay with transactions committing out of order, and the health and metrics endpoints.
@Suite("Runtime: migrator, outbox relay, health", .serialized, .timeLimit(.minutes(5)))
struct RuntimeTests {
    /// Two test migrations: the first is slow (so two migrators overlap), the second would fail if applied twice.
    static let migrations = [
        Migration("test-001-things", """
            CREATE TABLE things (id integer PRIMARY KEY);
            SELECT pg_sleep(0.5);
            """),
        Migration("test-002-first-thing", """
            ALTER TABLE things ADD COLUMN name text;
            INSERT INTO things (id, name) VALUES (1, 'first');
            """),
    ]

    @Test("two migrators at once on one schema (two pools): every migration recorded exactly once, neither fails")
    func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await TestEnvironment.requireInfrastructure()
        let schema = TestEnvironment.uniqueName("runtime_migrate_")
        try await Self.dropping(schema) {
            let first = try Self.database(schema)
            let second = try Self.database(schema)
            let all = (Migrator.runtimeMigrations + Self.migrations).map(\.id)

            try await withThrowingTaskGroup(of: Void.self) { clients in
                clients.addTask { await first.client.run() }
                clients.addTask { await second.client.run() }
                defer { clients.cancelAll() }

                async let runA = Self.outcome { try await Migrator(database: first, logger: TestEnvironment.logger).migrate(Self.migrations) }
                async let runB = Self.outcome { try await Migrator(database: second, logger: TestEnvironment.logger).migrate(Self.migrations) }
                let (a, b) = await (runA, runB)
                let appliedA = try #require(try? a.get(), "first migrator failed: \(a)")
                let appliedB = try #require(try? b.get(), "second migrator failed: \(b)")
                #expect((appliedA + appliedB).sorted() == all.sorted(), "each migration is applied by exactly one of the two")
                #expect(Set(appliedA).isDisjoint(with: appliedB))

                #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).schema_migrations") == Int64(all.count))
                #expect(try await TestEnvironment.scalar("SELECT count(DISTINCT id) FROM \(schema).schema_migrations") == Int64(all.count))
                #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).things") == 1)

                // A third run, as on the next start: nothing to do.
                #expect(try await Migrator(database: first, logger: TestEnvironment.logger).migrate(Self.migrations) == [])
                #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).schema_migrations") == Int64(all.count))
            }
        }
    }

    @Test("outbox: a row whose transaction commits after a later one is still published; sent_at set for both, nothing skipped")
    func lateCommittingOutboxRowIsPublished() async throws {
        try await TestEnvironment.requireInfrastructure()
        let schema = TestEnvironment.uniqueName("runtime_outbox_")
        let prefix = TestEnvironment.uniqueName("rt") + "."
        let topic = prefix + Topic.identification.name
        try await Self.dropping(schema) {
            try await KafkaAdmin(configuration: TestEnvironment.kafka).createTopics([.init(name: topic, partitions: 1)])
            let database = try Self.database(schema)
            let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)

            try await withThrowingTaskGroup(of: Void.self) { clients in
                clients.addTask { await database.client.run() }
                defer { clients.cancelAll() }
                try await Migrator(database: database, logger: TestEnvironment.logger).migrate([])
                let relay = OutboxRelay(database: database, producer: producer, doorbell: Doorbell(), logger: TestEnvironment.logger, topicPrefix: prefix)

                // Transaction A writes its outbox row first (the lower id) and stays open.
                let (written, writtenSignal) = AsyncStream.makeStream(of: Void.self)
                let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
                let transactionA = Task {
                    try await database.transaction { connection in
                        var outbox = OutboxBatch(source: "/aid/runtime-tests")
                        try outbox.append(Self.event("A"), eventID: "event-A")
                        try await outbox.write(on: connection)
                        writtenSignal.yield()
                        for await _ in release { break }
                    }
                }
                for await _ in written { break }

                // Transaction B writes the next row and commits; the relay publishes what it can see.
                try await database.transaction { connection in
                    var outbox = OutboxBatch(source: "/aid/runtime-tests")
                    try outbox.append(Self.event("B"), eventID: "event-B")
                    try await outbox.write(on: connection)
                }
                #expect(try await relay.publishOnce() == 1, "the relay publishes B while A is open")
                #expect(try await Self.outboxRows(database) == [.init(eventID: "event-B", sent: true)])

                // A commits late, with the lower id: the relay still finds it.
                releaseSignal.yield()
                try await transactionA.value
                #expect(try await Self.outboxRows(database) == [.init(eventID: "event-A", sent: false), .init(eventID: "event-B", sent: true)],
                        "A's row has the lower id and is not yet sent")
                #expect(try await relay.publishOnce() == 1, "the relay publishes A after it commits")
                #expect(try await relay.publishOnce() == 0, "nothing is published twice")
                #expect(try await Self.outboxRows(database) == [.init(eventID: "event-A", sent: true), .init(eventID: "event-B", sent: true)])
            }
            await producer.close()

            #expect(try await RawEvents.recordCount([topic]) == 2)
            let records = try await TopicReader.read([topic]) { $0.count >= 2 }
            #expect(records.compactMap(\.envelope).map(\.id) == ["event-B", "event-A"], "both rows on the topic once, in the order they were published")
            let revoked = try EmittedEvents.decode(IdentificationEvent.IdentificationRevoked.self, from: records)
            #expect(revoked.map(\.studentId) == ["STUDENT-B", "STUDENT-A"])
        }
    }

    @Test("health: /health/live open, /health/ready 200 with postgres and kafka true, /metrics counts processed events")
    func healthAndMetrics() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")

            let live = try await HTTP.get("\(disbursement.baseURL)/health/live", token: nil)
            #expect(live.status == 200, "\(live.text)")
            let ready = try await HTTP.get("\(disbursement.baseURL)/health/ready", token: nil)
            #expect(ready.status == 200, "\(ready.text)")
            struct Readiness: Decodable, Equatable { var status: String; var postgres: Bool; var kafka: Bool }
            #expect(try ready.json(Readiness.self) == Readiness(status: "ready", postgres: true, kafka: true))
            #expect(try await HTTP.get("\(disbursement.baseURL)/v1/semesters", token: nil).status == 401, "the API itself still wants a token")

            try await RedeliveryTests.openSemester(disbursement)
            let students = IdentifiedStudents(count: 5, prefix: "HEALTH")
            let topic = world.topic(Topic.identification.name)
            try await RawEvents.publish(try students.messages(topic: topic))
            let settled = try await RawEvents.settled(group: world.topicPrefix + "disbursement", topics: [topic], schema: world.schema("disbursement"))
            try #require(settled)

            let metrics = try await HTTP.get("\(disbursement.baseURL)/metrics", token: nil)
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("# TYPE \(RuntimeMetrics.eventsProcessed) counter"), "\(metrics.text.prefix(600))")
            #expect(RawEvents.metric(RuntimeMetrics.eventsProcessed, label: "group=\"disbursement\"", in: metrics.text) == 5)
            let published = RawEvents.metric(RuntimeMetrics.outboxPublished, label: "schema=", in: metrics.text) ?? 0
            #expect(published >= Double(students.expectedEntitlementCount), "outbox rows published: \(published)")
        }
    }

    @Test("a service that cannot serve (its HTTP port is taken) stops its consumers and relay and exits non-zero, naming why")
    func failingPartEndsTheProcess() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            // A running service holds the port; a second one with consumers, relay and database must not hang.
            let holder = try await world.start("disbursement")
            let log = FileManager.default.temporaryDirectory.appending(path: "\(world.id)-port-clash.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let process = Process()
            process.executableURL = TestEnvironment.binaries.appending(path: "disbursement")
            process.environment = holder.environment.merging([
                "POSTGRES_SCHEMA": world.schema("disbursement") + "_clash", "KAFKA_TOPIC_PREFIX": world.topicPrefix + "clash.",
            ]) { _, new in new }
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let exited = try await SuiteWorld.eventually(timeout: .seconds(45)) { !process.isRunning }
            if !exited { process.interrupt(); kill(process.processIdentifier, SIGKILL) }
            try output.close()
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(exited, "still running 45 s after its HTTP server failed:\n\(text.suffix(1_500))")
            #expect(process.terminationStatus != 0)
            #expect(text.contains("Address already in use"), "\(text.suffix(1_500))")
            _ = try? await TestEnvironment.withPostgres { client in
                try await client.query(.init(unsafeSQL: "DROP SCHEMA IF EXISTS \(world.schema("disbursement"))_clash CASCADE"), logger: TestEnvironment.logger)
            }
        }
    }

    @Test("a database error at start-up exits non-zero naming its SQLSTATE and PostgreSQL's message, not a generic text")
    func startupDatabaseErrorIsNamed() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            // A schema the service's role may not create tables in: its migrations fail at once.
            let refused = ServiceProcess("identification", schema: "information_schema", topicPrefix: world.topicPrefix)
            let (status, output) = try await refused.runUntilExit()
            #expect(status == 1, "\(output.suffix(1_500))")
            #expect(output.contains("identification: PostgreSQL error 42501; permission denied for schema information_schema"), "\(output.suffix(1_500))")
            #expect(!output.contains("Generic description"), "\(output.suffix(1_500))")
        }
    }

    // MARK: -

    struct OutboxRow: Equatable, Sendable {
        var eventID: String
        var sent: Bool
    }

    static func outboxRows(_ database: Database) async throws -> [OutboxRow] {
        var rows: [OutboxRow] = []
        for try await (id, sent) in try await database.query("SELECT event_id, sent_at IS NOT NULL FROM outbox ORDER BY id").decode((String, Bool).self) {
            rows.append(OutboxRow(eventID: id, sent: sent))
        }
        return rows
    }

    static func event(_ name: String) -> IdentificationEvent.IdentificationRevoked {
        IdentificationEvent.IdentificationRevoked(decisionId: "decision-\(name)", studentId: "STUDENT-\(name)", reason: "runtime-test")
    }

    static func database(_ schema: String) throws -> Database {
        try Database(url: TestEnvironment.postgresURL, schema: schema, maxConnections: 4, applicationName: "aid-runtime-tests", logger: TestEnvironment.logger)
    }

    static func outcome(_ body: () async throws -> [String]) async -> Result<[String], any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Runs `body`, then drops `schema` (also when `body` throws).
    static func dropping(_ schema: String, _ body: () async throws -> Void) async throws {
        func drop() async {
            _ = try? await TestEnvironment.withPostgres { client in
                try await client.query(.init(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"), logger: TestEnvironment.logger)
            }
        }
        do {
            try await body()
            await drop()
        } catch {
            await drop()
            throw error
        }
    }
}
