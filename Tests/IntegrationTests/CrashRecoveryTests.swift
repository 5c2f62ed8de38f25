import AidContracts
import DisbursementDomain
import Foundation
import Kafka
import ServiceRuntime
import Testing

/// SIGKILL the disbursement process at random moments while it consumes a stream of identified
/// students and pays them; after restarts every entitlement is paid exactly once and the ledger is
/// exact to the fen.
@Suite("Crash recovery of disbursement", .serialized, .timeLimit(.minutes(10)))
struct CrashRecoveryTests {
    static let studentCount = Int(ProcessInfo.processInfo.environment["AID_CRASH_STUDENTS"] ?? "") ?? 5000
    static let minimumKills = 5

    @Test("5,000 identified students, at least 5 SIGKILLs: 0 duplicate payments, 0 missing, ledger exact")
    func killsDuringConsumptionAndPayment() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let extra = ["BANK_STANDIN_FAILURE_RATE": "0.05"]
            var disbursement = try await world.start("disbursement", extra: extra)
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            #expect(try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "2026-autumn"]).status == 200)

            let stream = IdentifiedStream(count: Self.studentCount)
            let schema = world.schema("disbursement")
            let seed = UInt64.random(in: 1...UInt64.max)
            print("crash test seed \(seed)")
            var random = SeededGenerator(seed: seed)

            // Publish the stream while the chaos begins.
            let publisher = Task { try await stream.publish(to: world.topic(Topic.identification.name)) }
            var kills = 0
            let port = disbursement.port
            let payer = Task {
                try await PaymentDriver(baseURL: "http://127.0.0.1:\(port)", semester: "2026-autumn")
                    .payEverything(maxRounds: 600, tolerateOutages: true) {
                        let paid = try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).ledger")
                        return paid == Int64(stream.expectedEntitlements)
                    }
            }
            while kills < Self.minimumKills + 3 {
                if kills >= Self.minimumKills, try await Self.finished(schema, stream) { break }
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...2500, using: &random)))
                disbursement.kill()
                kills += 1
                disbursement = try await restarted(disbursement, world: world, extra: extra)
            }
            try await publisher.value
            let rounds = try await payer.value
            print("crash test: \(kills) kills, \(rounds) payment rounds")
            #expect(kills >= Self.minimumKills)

            // The invariants, straight from the ledger and the topic.
            let entitlements = try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements")
            let ledgerRows = try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).ledger")
            let distinctPaid = try await TestEnvironment.scalar("SELECT count(DISTINCT entitlement_id) FROM \(schema).ledger")
            let ledgerTotal = try await TestEnvironment.scalar("SELECT coalesce(sum(amount_fen), 0)::bigint FROM \(schema).ledger")
            let unpaid = try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements WHERE status <> 'paid'")
            #expect(entitlements == Int64(stream.expectedEntitlements), "entitlements")
            #expect(ledgerRows == Int64(stream.expectedEntitlements), "ledger rows (duplicates or missing)")
            #expect(distinctPaid == ledgerRows, "an entitlement was paid twice")
            #expect(unpaid == 0, "entitlements left unpaid")
            #expect(ledgerTotal == stream.expectedTotalFen, "ledger total differs from what the catalog grants")

            let expected = stream.expectedEntitlements
            let records = try await TopicReader.read([world.topic(Topic.disbursement.name)], timeout: .seconds(120)) { records in
                Set(records.filter { $0.envelope?.type == DisbursementEvent.PaymentConfirmed.eventType }.compactMap { $0.envelope?.id }).count >= expected
            }
            let confirmations = records.compactMap(\.envelope).filter { $0.type == DisbursementEvent.PaymentConfirmed.eventType }
            var idsByEntitlement: [String: Set<String>] = [:]
            var eventTotal: Fen = 0
            for envelope in confirmations {
                let event = try envelope.decode(DisbursementEvent.PaymentConfirmed.self)
                if idsByEntitlement[event.grant.entitlementId] == nil { eventTotal += event.grant.amountFen }
                idsByEntitlement[event.grant.entitlementId, default: []].insert(envelope.id)
            }
            #expect(idsByEntitlement.count == expected, "confirmed payments on the topic")
            #expect(idsByEntitlement.values.allSatisfy { $0.count == 1 }, "one payment confirmed under two event ids")
            #expect(eventTotal == stream.expectedTotalFen)
        }
    }

    private static func finished(_ schema: String, _ stream: IdentifiedStream) async throws -> Bool {
        try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).ledger") == Int64(stream.expectedEntitlements)
    }

    private func restarted(_ old: ServiceProcess, world: SuiteWorld, extra: [String: String]) async throws -> ServiceProcess {
        // Same schema, prefix, port and bank folder: the same service coming back after a crash.
        let service = ServiceProcess(reusing: old)
        try await service.start()
        return service
    }
}

/// A stream of StudentIdentified events as identification would publish them (opaque ids only).
struct IdentifiedStream: Sendable {
    struct Student: Sendable {
        var id: String
        var stage: Stage
        var tier: NeedTier
        var school: String
    }

    let students: [Student]

    init(count: Int) {
        let stages = Stage.allCases
        let tiers = NeedTier.allCases
        students = (0..<count).map { index in
            Student(id: String(format: "CRASH-%06d", index), stage: stages[index % stages.count],
                    tier: tiers[(index / stages.count) % tiers.count], school: "SCH-\(index % 10)")
        }
    }

    var expectedEntitlements: Int {
        students.reduce(0) { $0 + GrantCatalog.standard.entitlements(stage: $1.stage, tier: $1.tier, boarding: true).count }
    }

    var expectedTotalFen: Fen {
        students.reduce(0) { sum, student in
            sum + GrantCatalog.standard.entitlements(stage: student.stage, tier: student.tier, boarding: true).reduce(0) { $0 + $1.amountFen }
        }
    }

    func publish(to topic: String) async throws {
        let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
        for chunk in stride(from: 0, to: students.count, by: 500) {
            let messages = try students[chunk..<min(chunk + 500, students.count)].map { student in
                let event = IdentificationEvent.StudentIdentified(
                    decisionId: "decision-\(student.id)", studentId: student.id, householdId: "HH-\(student.id)",
                    placement: .init(schoolId: student.school, townCode: "370785101", stage: student.stage),
                    tier: student.tier, ruleVersion: "2026.1", basis: ["registry:dibao"])
                let envelope = try CloudEventEnvelope.wrap(event, id: "identified-\(student.id)", source: "/aid/identification")
                return OutgoingMessage(
                    topic: topic, key: Array(student.id.utf8), value: envelope.data,
                    headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })
            }
            try await producer.sendAll(messages)
        }
        await producer.close()
    }
}

/// SplitMix64: a seeded generator so a failing run's kill schedule can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
