import AidContracts
import DisbursementDomain
import Foundation
import Kafka
import ServiceRuntime
import Testing

/// The claw-back loop across all six services: identification identifies a small city, disbursement
/// pays it, inspection schedules a re-check for every paid student and records a fraud finding for
/// one of them; disbursement recovers exactly that student's payment once, identification revokes
/// the student, training stops giving the household priority, and all of it is on the topics.
/// Delivering the claw-back order again, under its own id or another, changes nothing.
@Suite("Fraud claw-back across all six services", .serialized, .timeLimit(.minutes(8)))
struct FraudClawbackEndToEndTests {
    static let semester = "2026-autumn"

    struct Receipt: Decodable { var clawbackOrderId: String?; var orderedPaymentIds: [String]; var totalFen: Int64 }
    struct Totals: Decodable { var totalFen: Int64 }
    struct Student: Decodable { var identification: String? }
    struct Trainee: Decodable { var traineeId: String; var prioritized: Bool }
    struct Order: Decodable { var status: String }

    @Test("a fraud finding recovers the student's payment once, revokes the student, and redelivery changes nothing")
    func fraudIsClawedBackOnce() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let disbursement = try await world.start("disbursement")
            let inspection = try await world.start("inspection")
            let training = try await world.start("training")
            let charity = try await world.start("charity")
            let pairing = try await world.start("pairing")
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let inspector = try await HTTP.token(.inspector, subject: "inspector-zhao")
            let ledger = world.schema("disbursement")

            // Identification imports a small city; disbursement grants and pays every listed student.
            let city = CityFixture(studentCount: 20)
            #expect(try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": Self.semester]).status == 200)
            for (kind, body, type) in [("schools", city.schoolsCSV, "text/csv"), ("students", city.studentsJSON, "application/json"), ("registry", city.registryCSV, "text/csv")] {
                let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/\(kind)/import", token: op, body: body, contentType: type)
                #expect(reply.status == 200, "\(kind) import: \(reply.text)")
            }
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(ledger).entitlements") == Int64(city.expectedEntitlementCount)
            }
            #expect(granted, "entitlements were not all granted")
            try await PaymentDriver(baseURL: disbursement.baseURL, semester: Self.semester).payEverything()
            let expected = city.expectedPayments
            let paidTotal = expected.values.reduce(0, +)
            #expect(try await Self.ledgerTotal(disbursement, officer) == paidTotal)

            // Inspection schedules one re-check per paid student from the payment events.
            let rechecks = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("inspection")).recheck_tasks WHERE semester = '\(Self.semester)'") == Int64(expected.count)
            }
            #expect(rechecks, "inspection did not schedule a re-check for each of the \(expected.count) paid students")

            // The fraud: a primary boarder on the orphan list, paid one boarding subsidy.
            let fraudster = "STU-000000"
            let stolen = try #require(expected[fraudster])
            #expect(stolen == 50_000)
            let trainee = try await HTTP.post("\(training.baseURL)/v1/trainees", token: officer, json: ["name": "Guardian of \(fraudster)", "townCode": "370785101", "householdId": "HH-\(fraudster)"])
            let traineeId = try trainee.json(Trainee.self).traineeId
            #expect(try await SuiteWorld.eventually { try await HTTP.get("\(training.baseURL)/v1/trainees/\(traineeId)", token: officer).json(Trainee.self).prioritized })

            let finding = try await HTTP.post("\(inspection.baseURL)/v1/findings", token: inspector, json: FindingBody(
                findingId: "F-2026-001", studentId: fraudster, kind: "fraud", summary: "Forged orphan certificate; both parents alive and employed",
                responsible: ["name": "Zhou Ming", "position": "class teacher"], schoolHead: ["name": "Wu Hong", "position": "head teacher"]))
            #expect(finding.status == 201, "\(finding.text)")
            let receipt = try finding.json(Receipt.self)
            #expect(receipt.clawbackOrderId == "CBO-F-2026-001")
            #expect(receipt.orderedPaymentIds.count == 1 && receipt.totalFen == stolen)

            // Disbursement recovers it once; identification revokes; training drops the priority.
            let recovered = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(ledger).ledger WHERE kind = 'recovery'") == 1
            }
            #expect(recovered, "no recovery booked")
            #expect(try await TestEnvironment.scalar("SELECT coalesce(sum(amount_fen), 0)::bigint FROM \(ledger).ledger WHERE student_id = '\(fraudster)'") == 0)
            #expect(try await Self.ledgerTotal(disbursement, officer) == paidTotal - stolen)
            let revoked = try await SuiteWorld.eventually {
                try await HTTP.get("\(identification.baseURL)/v1/students/\(fraudster)", token: officer).json(Student.self).identification == "revoked"
            }
            #expect(revoked, "identification did not revoke the student")
            #expect(try await SuiteWorld.eventually { !(try await HTTP.get("\(training.baseURL)/v1/trainees/\(traineeId)", token: officer).json(Trainee.self).prioritized) })
            #expect(try await SuiteWorld.eventually {
                try await HTTP.get("\(inspection.baseURL)/v1/clawbacks/CBO-F-2026-001", token: inspector).json(Order.self).status == "recovered"
            }, "inspection never heard the order was applied")

            // All of it is on the topics, once each.
            let inspectionTopic = world.topic(Topic.inspection.name)
            let disbursementTopic = world.topic(Topic.disbursement.name)
            let identificationTopic = world.topic(Topic.identification.name)
            var records = try await TopicReader.read([inspectionTopic, disbursementTopic, identificationTopic]) { records in
                records.contains { $0.envelope?.type == InspectionEvent.ClawbackOrdered.eventType }
                    && records.contains { $0.envelope?.type == DisbursementEvent.ClawbackRecovered.eventType }
                    && records.contains { $0.envelope?.type == IdentificationEvent.IdentificationRevoked.eventType }
            }
            let order = try #require(records.first { $0.envelope?.type == InspectionEvent.ClawbackOrdered.eventType })
            #expect(try EmittedEvents.decode(InspectionEvent.ClawbackOrdered.self, from: records).map(\.studentId) == [fraudster])
            let recoveries = try EmittedEvents.decode(DisbursementEvent.ClawbackRecovered.self, from: records)
            #expect(recoveries.count == 1 && recoveries.first?.totalRecoveredFen == stolen && recoveries.first?.recoveries.count == 1)
            let revocations = try EmittedEvents.decode(IdentificationEvent.IdentificationRevoked.self, from: records)
            #expect(revocations.map(\.studentId) == [fraudster] && revocations.first?.reason == "inspection-finding")

            // Redelivery: the same record again, and the same order under another event id.
            let copy = OutgoingMessage(topic: inspectionTopic, key: order.message.key, value: order.message.value, headers: order.message.headers)
            let renamedId = "redelivered-\(UUID().uuidString.lowercased())"
            let renamed = OutgoingMessage(
                topic: inspectionTopic, key: order.message.key, value: order.message.value,
                headers: order.message.headers.map { $0.name == "ce_id" ? KafkaHeader("ce_id", renamedId) : $0 })
            try await EventPublisher.send([copy, renamed])
            // Same key, same partition: once the renamed copy is in both inboxes, the exact copy was handled too.
            let handled = try await SuiteWorld.eventually {
                let applied = try await TestEnvironment.scalar("SELECT count(*) FROM \(ledger).inbox WHERE event_id = '\(renamedId)' AND consumer_group = 'disbursement-clawbacks'")
                let seen = try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("identification")).inbox WHERE event_id = '\(renamedId)' AND consumer_group = 'identification-clawbacks'")
                return applied == 1 && seen == 1
            }
            #expect(handled, "the redelivered order was not consumed")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(ledger).ledger WHERE kind = 'recovery'") == 1)
            #expect(try await Self.ledgerTotal(disbursement, officer) == paidTotal - stolen)
            for schema in ["identification", "disbursement", "inspection", "training", "charity", "pairing"].map(world.schema) {
                #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox WHERE outcome = 'dead-lettered'") == 0, "\(schema) dead-lettered an event")
            }
            // What the consumers wrote is in their outboxes (in the transaction of the inbox record), so a
            // second application would show here at once, whatever the relay has sent so far.
            #expect(try await Self.outboxCount(world.schema("disbursement"), DisbursementEvent.ClawbackRecovered.eventType) == 1, "the order was applied twice")
            #expect(try await Self.outboxCount(world.schema("identification"), IdentificationEvent.IdentificationRevoked.eventType) == 1, "the student was revoked twice")
            records = try await TopicReader.read([inspectionTopic, disbursementTopic, identificationTopic]) { records in
                records.contains { $0.envelope?.id == renamedId }
                    && records.contains { $0.envelope?.type == DisbursementEvent.ClawbackRecovered.eventType }
                    && records.contains { $0.envelope?.type == IdentificationEvent.IdentificationRevoked.eventType }
            }
            #expect(try EmittedEvents.decode(DisbursementEvent.ClawbackRecovered.self, from: records).count == 1)
            #expect(try EmittedEvents.decode(IdentificationEvent.IdentificationRevoked.self, from: records).count == 1)
            #expect(try await EmittedEvents.schemaFailures(records).isEmpty)

            // Every service is still up: nothing in the loop tripped any of the six.
            for service in [identification, disbursement, inspection, training, charity, pairing] {
                #expect(service.isRunning, "\(service.name) exited")
                // Readiness asks PostgreSQL and the broker within 2 s; on a busy machine that may take a retry.
                let ready = try await SuiteWorld.eventually(timeout: .seconds(30)) { try await HTTP.status("\(service.baseURL)/health/ready") == 200 }
                #expect(ready, "\(service.name) is not ready")
            }
        }
    }

    static func outboxCount(_ schema: String, _ eventType: String) async throws -> Int64 {
        try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox WHERE headers @> '[[\"ce_type\", \"\(eventType)\"]]'")
    }

    static func ledgerTotal(_ disbursement: ServiceProcess, _ token: String) async throws -> Int64 {
        try await HTTP.get("\(disbursement.baseURL)/v1/ledger/totals?by=program", token: token).json(Totals.self).totalFen
    }

    struct FindingBody: Encodable {
        var findingId: String
        var studentId: String
        var kind: String
        var summary: String
        var responsible: [String: String]
        var schoolHead: [String: String]
    }
}
