import AidContracts
import Foundation
import Kafka
import ServiceRuntime
import Testing

/// The operator CLI, run as the built binary against real services and the broker, the way an
/// operator (or a script using `--json`) would.
@Suite("aidctl: the operator's command line", .serialized, .timeLimit(.minutes(6)))
struct AidctlTests {
    @Test("import (a bad row names its line and field), pay with a second approver, journey, figures, lag 0 after processing")
    func operatorWorkflow() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let disbursement = try await world.start("disbursement")
            let aidctl = AidctlProcess(world: world, identification: identification, disbursement: disbursement)
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let opened = try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "2026-autumn"])
            #expect(opened.status == 200, "\(opened.text)")
            let city = CityFixture(studentCount: 20)
            let files = FileManager.default.temporaryDirectory.appending(path: "aidctl-\(world.id)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }

            // Schools import cleanly.
            try city.schoolsCSV.write(to: files.appending(path: "schools.csv"))
            let schools = try await aidctl("import", "--kind", "schools", "--file", files.appending(path: "schools.csv").path)
            #expect(schools.status == 0, "\(schools)")
            #expect(schools.stdout.contains("4 applied"), "\(schools)")

            // A students file with one bad resident ID (line 4: header, then rows): nothing is applied,
            // the exit status says so and the output names the line and the field.
            var lines = ["studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate"]
            for (index, student) in city.students.prefix(5).enumerated() {
                let residentId = index == 2 ? String(student.residentId.dropLast()) + (student.residentId.last == "1" ? "2" : "1") : student.residentId
                lines.append("\(student.studentId),\(residentId),Student \(index),HH-\(student.studentId),\(student.schoolId),\(student.stage.rawValue),\(student.grade),2024-09-01")
            }
            let bad = files.appending(path: "students-bad.csv")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: bad)
            let rejected = try await aidctl("import", "--kind", "students", "--file", bad.path)
            #expect(rejected.status != 0, "\(rejected)")
            #expect(rejected.output.contains("line 4") && rejected.output.contains("residentId"), "\(rejected)")
            let untouched = try await HTTP.get("\(identification.baseURL)/v1/students/\(city.students[0].studentId)", token: op)
            #expect(untouched.status == 404, "all-or-nothing must apply no row: \(untouched.text)")
            let rejectedJSON = try await aidctl("import", "--kind", "students", "--file", bad.path, "--json")
            struct Rejection: Decodable { struct Problem: Decodable { var line: Int?; var field: String? }; var applied: Int; var rejected: [Problem] }
            let problems = try rejectedJSON.json(Rejection.self)
            #expect(rejectedJSON.status != 0 && problems.applied == 0)
            #expect(problems.rejected.contains { $0.line == 4 && $0.field == "residentId" }, "\(rejectedJSON)")

            // The real roster and registry lists.
            try city.studentsJSON.write(to: files.appending(path: "students.json"))
            try city.registryCSV.write(to: files.appending(path: "registry.csv"))
            for (kind, file) in [("students", "students.json"), ("registry", "registry.csv")] {
                let run = try await aidctl("import", "--kind", kind, "--file", files.appending(path: file).path)
                #expect(run.status == 0, "\(kind): \(run)")
            }
            let schema = world.schema("disbursement")
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == Int64(city.expectedEntitlementCount)
            }
            try #require(granted, "entitlements were not all granted")

            // pay prepares and prints the approval commands; the preparer cannot approve; another officer can.
            let pay = try await aidctl("pay", "--semester", "2026-autumn")
            #expect(pay.status == 0, "\(pay)")
            #expect(pay.stdout.contains("aidctl approve --batch"), "\(pay)")
            struct Prepared: Decodable { struct Batch: Decodable { var batchId: String }; var awaitingApproval: [Batch]; var approveCommands: [String] }
            let drafts = try await aidctl("pay", "--semester", "2026-autumn", "--json").json(Prepared.self)
            try #require(!drafts.awaitingApproval.isEmpty)
            #expect(drafts.approveCommands == drafts.awaitingApproval.map { "aidctl approve --batch \($0.batchId)" })
            let batch = drafts.awaitingApproval[0].batchId
            let selfApproval = try await aidctl("approve", "--batch", batch, "--as", "local-operator")
            #expect(selfApproval.status != 0, "the preparer approved their own batch: \(selfApproval)")
            for draft in drafts.awaitingApproval {
                let approved = try await aidctl("approve", "--batch", draft.batchId, "--as", "officer-li")
                #expect(approved.status == 0 && approved.stdout.contains("aidctl send --batch \(draft.batchId)"), "\(approved)")
                let sent = try await aidctl("send", "--batch", draft.batchId)
                #expect(sent.status == 0, "\(sent)")
            }
            struct Batch: Decodable { var state: String }
            let closed = try await SuiteWorld.eventually {
                let batches = try await HTTP.get("\(disbursement.baseURL)/v1/batches?semester=2026-autumn", token: op).json([Batch].self)
                return !batches.isEmpty && batches.allSatisfy { $0.state == "closed" }
            }
            #expect(closed, "the batches were not all confirmed and closed")

            // journey: the student's entitlements are paid, and the payment events are on the topics.
            let paidStudent = try #require(city.expectedPayments.keys.sorted().first)
            struct Journey: Decodable {
                struct Student: Decodable { var studentId: String; var identification: String? }
                struct Entitlement: Decodable { var status: String; var amountFen: Int64 }
                struct Event: Decodable { var type: String; var topic: String }
                var student: Student?
                var entitlements: [Entitlement]
                var events: [Event]
            }
            let journeyRun = try await aidctl("journey", paidStudent, "--json")
            #expect(journeyRun.status == 0, "\(journeyRun)")
            let journey = try journeyRun.json(Journey.self)
            #expect(journey.student?.identification == "active")
            #expect(!journey.entitlements.isEmpty && journey.entitlements.allSatisfy { $0.status == "paid" })
            #expect(journey.entitlements.reduce(0) { $0 + $1.amountFen } == city.expectedPayments[paidStudent])
            let confirmations = journey.events.filter { $0.type == DisbursementEvent.PaymentConfirmed.eventType }
            #expect(confirmations.count == journey.entitlements.count, "\(journey.events.map(\.type))")
            #expect(journey.events.contains { $0.type == IdentificationEvent.StudentIdentified.eventType && $0.topic == Topic.identification.name })
            let journeyText = try await aidctl("journey", paidStudent)
            #expect(journeyText.stdout.contains("paid: \(journey.entitlements.count) of \(journey.entitlements.count)"), "\(journeyText)")
            #expect(journeyText.stdout.contains(DisbursementEvent.PaymentConfirmed.eventType))

            // figures: the ledger's totals.
            struct Totals: Decodable { var by: String; var totalFen: Int64; var studentTimes: Int }
            let figures = try await aidctl("figures", "--json").json([Totals].self)
            #expect(figures.map(\.by) == ["program", "school", "town"])
            #expect(figures.allSatisfy { $0.totalFen == city.expectedPayments.values.reduce(0, +) && $0.studentTimes == city.expectedPayments.count })

            // lag: disbursement's group has read and committed everything it was sent.
            struct GroupLag: Decodable { var group: String; var lag: Int64; var committed: Bool; var partitions: [Partition]; struct Partition: Decodable { var topic: String } }
            var lag: [GroupLag] = []
            let caughtUp = try await SuiteWorld.eventually(timeout: .seconds(30)) {
                lag = try await aidctl("lag", "--group", "disbursement", "--json").json([GroupLag].self)
                return lag.first.map { $0.committed && $0.lag == 0 } ?? false
            }
            #expect(caughtUp, "disbursement lag: \(lag.map { "\($0.lag) committed=\($0.committed)" })")
            #expect(Set(lag.first?.partitions.map(\.topic) ?? []) == [Topic.identification.name, Topic.roster.name])
            let lagText = try await aidctl("lag")
            #expect(lagText.status == 0 && lagText.stdout.contains("disbursement: lag 0"), "\(lagText)")
        }
    }

    @Test("dlq list shows why and where from; replay sends a dead letter back, is processed once, and a still-bad one is dead-lettered again")
    func deadLetters() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            let aidctl = AidctlProcess(world: world, disbursement: disbursement)
            let identificationTopic = world.topic(Topic.identification.name)
            let dlqTopic = world.topic(Topic.deadLetter(group: "disbursement").name)

            // Two poison records on a topic disbursement consumes: no CloudEvents headers at all, and a
            // student-identified event whose data lacks every required field.
            let poison = CloudEventEnvelope(
                id: "poison-\(world.id)", source: "/aid/identification", type: IdentificationEvent.StudentIdentified.eventType,
                time: Date(), subject: "STU-P1", traceparent: nil, data: Array(#"{"studentId": 42}"#.utf8))
            let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
            let sent = try await producer.sendAll([
                OutgoingMessage(topic: identificationTopic, key: Array("STU-P0".utf8), value: Array("garbage".utf8)),
                OutgoingMessage(topic: identificationTopic, key: Array("STU-P1".utf8), value: poison.data, headers: poison.headers.map { KafkaHeader($0.name, $0.value) }),
            ])

            struct Letter: Decodable {
                var partition: Int32
                var offset: Int64
                var reason: String
                var originalTopic: String?
                var originalPartition: Int32?
                var originalOffset: Int64?
                var eventType: String?
                var eventId: String?
                var position: String { "\(partition):\(offset)" }
            }
            func letters() async throws -> [Letter] {
                let run = try await aidctl("dlq", "list", "--group", "disbursement", "--json")
                #expect(run.status == 0, "\(run)")
                return try run.json([Letter].self)
            }
            var listed: [Letter] = []
            let deadLettered = try await SuiteWorld.eventually {
                listed = try await letters()
                return listed.count == 2
            }
            try #require(deadLettered, "expected both poison records on \(dlqTopic), found \(listed.count)")
            let unreadable = try #require(listed.first { $0.eventType == nil })
            #expect(unreadable.reason.contains("ce_specversion"), "\(unreadable.reason)")
            #expect(unreadable.originalTopic == identificationTopic && unreadable.originalPartition == sent[0].partition && unreadable.originalOffset == sent[0].offset)
            let rejected = try #require(listed.first { $0.eventId == poison.id })
            #expect(rejected.eventType == IdentificationEvent.StudentIdentified.eventType)
            #expect(rejected.reason.contains("field"), "\(rejected.reason)")
            #expect(rejected.originalOffset == sent[1].offset && rejected.originalPartition == sent[1].partition)
            let table = try await aidctl("dlq", "list", "--group", "disbursement")
            #expect(table.stdout.contains(rejected.position) && table.stdout.contains("\(identificationTopic)[\(sent[1].partition)]@\(sent[1].offset)"), "\(table)")

            // A valid event that was dead-lettered during an outage (as the runtime writes dead letters):
            // replayed, it is processed; replayed again, the inbox ignores it.
            let identified = try CloudEventEnvelope.wrap(
                IdentificationEvent.StudentIdentified(
                    decisionId: "D-R1", studentId: "STU-R1", householdId: "HH-R1",
                    placement: .init(schoolId: "SCH-P1", townCode: "370785101", stage: .primary), tier: .difficult,
                    ruleVersion: "test", basis: ["registry:dibao"]),
                source: "/aid/identification")
            let outage = try await producer.sendAll([OutgoingMessage(
                topic: dlqTopic, key: Array("STU-R1".utf8), value: identified.data,
                headers: identified.headers.map { KafkaHeader($0.name, $0.value) } + [
                    KafkaHeader("dlq_reason", "failed 6 times: connection reset by peer"), KafkaHeader("dlq_consumer_group", "disbursement"),
                    KafkaHeader("dlq_original_topic", identificationTopic), KafkaHeader("dlq_original_partition", "0"),
                    KafkaHeader("dlq_original_offset", "0"), KafkaHeader("dlq_failed_at", EventCoding.formatTime(Date())),
                ])])[0]
            await producer.close()
            let replay = try await aidctl("dlq", "replay", "--group", "disbursement", "--offset", "\(outage.partition):\(outage.offset)")
            #expect(replay.status == 0 && replay.stdout.contains("replayed \(outage.partition):\(outage.offset)"), "\(replay)")
            let studentsTable = "\(world.schema("disbursement")).students"
            let processed = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(studentsTable) WHERE student_id = 'STU-R1' AND identified") == 1
            }
            #expect(processed, "the replayed event was not processed")
            let again = try await aidctl("dlq", "replay", "--group", "disbursement", "--offset", "\(outage.partition):\(outage.offset)", "--json")
            #expect(again.status == 0, "\(again)")
            let inbox = "\(world.schema("disbursement")).inbox"
            try await Task.sleep(for: .seconds(2))
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(inbox) WHERE event_id = '\(identified.id)' AND outcome = 'processed'") == 1)

            // The still-bad event, replayed, goes through the consumer again and comes back to the DLQ
            // from its new position.
            struct Replayed: Decodable { var topic: String; var partition: Int32; var offset: Int64 }
            let replayedBad = try await aidctl("dlq", "replay", "--group", "disbursement", "--offset", rejected.position, "--json")
            #expect(replayedBad.status == 0, "\(replayedBad)")
            let resent = try #require(try replayedBad.json([Replayed].self).first)
            #expect(resent.topic == identificationTopic)
            let onTopic = try await TopicReader.read([identificationTopic]) { records in
                records.contains { $0.message.partition == resent.partition && $0.message.offset == resent.offset }
            }
            let replayedRecord = try #require(onTopic.first { $0.message.partition == resent.partition && $0.message.offset == resent.offset })
            #expect(replayedRecord.header["ce_id"] == poison.id && replayedRecord.message.value == poison.data)
            #expect(replayedRecord.header.keys.filter { $0.hasPrefix("dlq_") } == [EventConsumerService.replayedFromHeader], "\(replayedRecord.header.keys.sorted())")
            let deadAgain = try await SuiteWorld.eventually {
                listed = try await letters()
                return listed.contains { $0.eventId == poison.id && $0.originalOffset == resent.offset && $0.originalPartition == resent.partition }
            }
            #expect(deadAgain, "the replayed poison event was not dead-lettered again: \(listed.map(\.position))")
            #expect(listed.filter { $0.eventId == identified.id }.count == 1, "the processed event must not come back to the DLQ")

            let usage = try await aidctl("dlq", "replay", "--group", "disbursement")
            #expect(usage.status != 0 && usage.stderr.contains("--offset"), "\(usage)")
        }
    }
}
