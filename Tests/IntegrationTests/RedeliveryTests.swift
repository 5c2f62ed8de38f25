import AidContracts
import DisbursementDomain
import Foundation
import Kafka
import PostgresNIO
import ServiceRuntime
import Testing

/// The same events delivered twice change nothing: a redelivered identification result grants
/// nothing more, a bank confirmation applied again books nothing more, and a restarted service
/// neither re-grants nor re-migrates.
@Suite("Redelivery: the same events delivered twice change nothing", .serialized, .timeLimit(.minutes(5)))
struct RedeliveryTests {
    static let semester = "2026-autumn"

    @Test("50 StudentIdentified delivered three times with the same ce_ids: granted once, one inbox row each, one EntitlementGranted per entitlement")
    func identifiedEventsDeliveredThreeTimes() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            try await Self.openSemester(disbursement)

            let students = IdentifiedStudents(count: 50, prefix: "REDELIVER")
            let expected = students.expectedEntitlementCount
            let schema = world.schema("disbursement")
            let identificationTopic = world.topic(Topic.identification.name)
            let group = world.topicPrefix + "disbursement"
            let messages = try students.messages(topic: identificationTopic)

            // First delivery, and at once the same records again, as after a producer retry or a rebalance.
            try await RawEvents.publish(messages)
            try await RawEvents.publish(messages)
            let firstTwo = try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema)
            try #require(firstTwo, "disbursement did not consume the first two deliveries")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == Int64(expected))

            // A third delivery, well after the first was processed and committed.
            try await RawEvents.publish(messages)
            let third = try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema)
            try #require(third, "disbursement did not consume the third delivery")
            let delivered = try await RawEvents.recordCount([identificationTopic])
            #expect(delivered >= 150, "three deliveries of 50 records on \(identificationTopic), found \(delivered)")

            // The database: each entitlement the catalog gives, once; one inbox row per event id.
            let granted = try await TestEnvironment.withPostgres { client in
                var pairs: [String] = []
                let rows = try await client.query(.init(unsafeSQL: "SELECT student_id, program_code, semester FROM \(schema).entitlements"), logger: TestEnvironment.logger)
                for try await (student, program, semester) in rows.decode((String, String, String).self) {
                    #expect(semester == Self.semester)
                    pairs.append("\(student)/\(program)")
                }
                return pairs
            }
            #expect(granted.count == expected, "entitlement rows")
            #expect(Set(granted).count == granted.count, "an entitlement was granted twice")
            #expect(Set(granted) == students.expectedGrants, "granted differs from what GrantCatalog.standard gives")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).students") == 50)
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox WHERE consumer_group = 'disbursement'") == 50)
            #expect(try await TestEnvironment.scalar("SELECT count(DISTINCT event_id) FROM \(schema).inbox WHERE consumer_group = 'disbursement' AND outcome = 'processed'") == 50)
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox") == Int64(expected), "one outbox row per entitlement")

            // The topic: exactly one EntitlementGranted per entitlement, none under a second ce_id.
            let disbursementTopic = world.topic(Topic.disbursement.name)
            let published = try await RawEvents.recordCount([disbursementTopic])
            #expect(published == Int64(expected), "records on \(disbursementTopic): \(published), expected \(expected)")
            // Read everything the topic holds, so that a second record for an entitlement cannot hide.
            let records = try await TopicReader.read([disbursementTopic]) { $0.count >= max(expected, Int(published)) }
            let envelopes = records.compactMap(\.envelope)
            #expect(envelopes.count == expected)
            #expect(envelopes.allSatisfy { $0.type == DisbursementEvent.EntitlementGranted.eventType })
            let grants = try envelopes.filter { $0.type == DisbursementEvent.EntitlementGranted.eventType }
                .map { (id: $0.id, event: try $0.decode(DisbursementEvent.EntitlementGranted.self)) }
            let events = grants.map(\.event)
            let idsByEntitlement = Dictionary(grouping: grants, by: { $0.event.grant.entitlementId }).mapValues { Set($0.map(\.id)) }
            #expect(idsByEntitlement.count == expected, "distinct entitlements granted on the topic")
            #expect(idsByEntitlement.values.allSatisfy { $0.count == 1 }, "an entitlement was granted under two ce_ids")
            #expect(Set(envelopes.map(\.id)).count == expected)
            #expect(Set(events.map { "\($0.grant.studentId)/\($0.grant.programCode)" }) == students.expectedGrants)

            // The service's own count: 50 applied, every other delivery recognised as a duplicate.
            let metrics = try await HTTP.get("\(disbursement.baseURL)/metrics", token: nil).text
            #expect(RawEvents.metric(RuntimeMetrics.eventsProcessed, label: "group=\"disbursement\"", in: metrics) == 50)
            #expect((RawEvents.metric(RuntimeMetrics.eventsDuplicate, label: "group=\"disbursement\"", in: metrics) ?? 0) >= 100)
        }
    }

    @Test("a paid batch's bank confirmation applied again (HTTP and file drop): 200, ledger unchanged, no new PaymentConfirmed")
    func sameConfirmationAppliedAgain() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            try await Self.openSemester(disbursement)
            let schema = world.schema("disbursement")
            let identificationTopic = world.topic(Topic.identification.name)
            let disbursementTopic = world.topic(Topic.disbursement.name)
            let group = world.topicPrefix + "disbursement"

            let students = IdentifiedStudents(count: 12, prefix: "CONFIRM")
            try await RawEvents.publish(try students.messages(topic: identificationTopic))
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == Int64(students.expectedEntitlementCount)
            }
            try #require(granted)
            try await PaymentDriver(baseURL: disbursement.baseURL, semester: Self.semester).payEverything()
            try #require(try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema))

            let before = try await Self.moneyFigures(schema: schema, topic: disbursementTopic)
            #expect(before.ledgerRows == Int64(students.expectedEntitlementCount), "everything paid once")
            let (batchId, confirmation) = try await TestEnvironment.withPostgres { client in
                let rows = try await client.query(.init(unsafeSQL: """
                    SELECT batch_id, confirmation FROM \(schema).payment_files WHERE confirmation IS NOT NULL ORDER BY batch_id, attempt LIMIT 1
                    """), logger: TestEnvironment.logger).collect()
                return try #require(rows.first).decode((String, String).self)
            }

            // Again over HTTP: accepted as already applied.
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let again = try await HTTP.send("POST", "\(disbursement.baseURL)/v1/batches/\(batchId)/confirmations", token: op, body: Data(confirmation.utf8), contentType: "text/csv")
            #expect(again.status == 200, "\(again.text)")
            struct Summary: Decodable { var batchId: String; var state: String; var paid: Int; var pending: Int }
            let summary = try again.json(Summary.self)
            #expect(summary.batchId == batchId)
            #expect(summary.state == "closed")
            #expect(summary.pending == 0)

            // And again through the bank's file drop: applied (as a no-op), not rejected.
            let incoming = world.bankDirectory.appending(path: "incoming")
            let dropped = "\(batchId)-redelivered.csv"
            try Data(confirmation.utf8).write(to: incoming.appending(path: ".\(dropped).tmp"))
            try FileManager.default.moveItem(at: incoming.appending(path: ".\(dropped).tmp"), to: incoming.appending(path: dropped))
            let handled = try await SuiteWorld.eventually(timeout: .seconds(20)) {
                !FileManager.default.fileExists(atPath: incoming.appending(path: dropped).path)
            }
            #expect(handled, "the bank exchange never picked up the redelivered confirmation")
            #expect(FileManager.default.fileExists(atPath: incoming.appending(path: "applied/\(dropped)").path), "the redelivered confirmation was not treated as applied")
            #expect(!FileManager.default.fileExists(atPath: incoming.appending(path: "rejected/\(dropped)").path))

            // Give the relay time to publish anything it was (wrongly) given, then compare.
            try await Task.sleep(for: .seconds(1))
            try #require(try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema))
            let after = try await Self.moneyFigures(schema: schema, topic: disbursementTopic)
            #expect(after == before, "re-applying a confirmation changed the ledger, the outbox or the topic")

            let records = try await TopicReader.read([disbursementTopic]) { $0.count >= Int(after.topicRecords) }
            let confirmed = try EmittedEvents.decode(DisbursementEvent.PaymentConfirmed.self, from: records)
            #expect(confirmed.count == Int(after.ledgerRows), "one PaymentConfirmed per booked payment")
            #expect(Set(confirmed.map(\.paymentId)).count == confirmed.count)
        }
    }

    @Test("restarting disbursement: nothing re-granted, no migration applied again, a redelivery after the restart still changes nothing")
    func restartChangesNothing() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            try await Self.openSemester(disbursement)
            let schema = world.schema("disbursement")
            let identificationTopic = world.topic(Topic.identification.name)
            let disbursementTopic = world.topic(Topic.disbursement.name)
            let group = world.topicPrefix + "disbursement"

            let students = IdentifiedStudents(count: 20, prefix: "RESTART")
            let messages = try students.messages(topic: identificationTopic)
            try await RawEvents.publish(messages)
            try #require(try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema))
            let before = try await Self.stateFigures(schema: schema, topic: disbursementTopic)
            #expect(before.entitlements == Int64(students.expectedEntitlementCount))
            #expect(before.migrations > 0)

            #expect(disbursement.stop() == 0, "disbursement did not stop cleanly on SIGTERM\n\(disbursement.tail())")
            // The same service again: same schema, topic prefix, port and bank folder.
            let restarted = ServiceProcess(reusing: disbursement)
            defer { restarted.stop() }
            try await restarted.start()
            try #require(try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema))
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.stateFigures(schema: schema, topic: disbursementTopic) == before, "the restart changed something")

            // A redelivery after the restart is still recognised.
            try await RawEvents.publish(messages)
            try #require(try await RawEvents.settled(group: group, topics: [identificationTopic], schema: schema))
            #expect(try await Self.stateFigures(schema: schema, topic: disbursementTopic) == before, "a redelivery after the restart changed something")

            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let semesters = try await HTTP.get("\(restarted.baseURL)/v1/semesters", token: op)
            #expect(try semesters.json([String].self) == [Self.semester])
        }
    }

    // MARK: -

    static func openSemester(_ disbursement: ServiceProcess) async throws {
        let op = try await HTTP.token(.operator, subject: "operator-wang")
        let reply = try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": semester])
        try #require(reply.status == 200, "\(reply.text)")
    }

    struct MoneyFigures: Equatable {
        var ledgerRows: Int64
        var ledgerFen: Int64
        var outboxRows: Int64
        var topicRecords: Int64
    }

    static func moneyFigures(schema: String, topic: String) async throws -> MoneyFigures {
        MoneyFigures(
            ledgerRows: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).ledger"),
            ledgerFen: try await TestEnvironment.scalar("SELECT coalesce(sum(amount_fen), 0)::bigint FROM \(schema).ledger"),
            outboxRows: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox"),
            topicRecords: try await RawEvents.recordCount([topic]))
    }

    struct StateFigures: Equatable {
        var entitlements: Int64
        var inbox: Int64
        var outbox: Int64
        var migrations: Int64
        var lastMigrationEpoch: Int64
        var topicRecords: Int64
    }

    static func stateFigures(schema: String, topic: String) async throws -> StateFigures {
        StateFigures(
            entitlements: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements"),
            inbox: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox"),
            outbox: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox"),
            migrations: try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).schema_migrations"),
            lastMigrationEpoch: try await TestEnvironment.scalar("SELECT (extract(epoch FROM max(applied_at)) * 1000000)::bigint FROM \(schema).schema_migrations"),
            topicRecords: try await RawEvents.recordCount([topic]))
    }
}
