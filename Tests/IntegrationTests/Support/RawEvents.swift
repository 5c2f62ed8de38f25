import AidContracts
import DisbursementDomain
import Foundation
import Kafka

/// Feeding a service records straight onto its topics (as another service, a redelivery or a broken
/// producer would), and watching offsets: how many records a topic holds, whether a group caught up.
enum RawEvents {
    /// Publishes `messages` in order and returns where each one landed.
    @discardableResult
    static func publish(_ messages: [OutgoingMessage]) async throws -> [DeliveryReport] {
        let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
        do {
            let reports = try await producer.sendAll(messages)
            await producer.close()
            return reports
        } catch {
            await producer.close()
            throw error
        }
    }

    /// `event` as a CloudEvent in binary mode with a fixed id, keyed by its partition key unless `key` is given.
    static func cloudEvent<Event: AidEvent>(
        _ event: Event, id: String, topic: String, key: String? = nil, source: String = "/aid/identification"
    ) throws -> OutgoingMessage {
        let envelope = try CloudEventEnvelope.wrap(event, id: id, source: source)
        return OutgoingMessage(
            topic: topic, key: Array((key ?? event.partitionKey).utf8), value: envelope.data,
            headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })
    }

    /// How many records `topics` hold now (all partitions). A metadata answer that leaves out one of
    /// the topics (it happens while the broker is busy creating others) is asked again, not read as 0.
    static func recordCount(_ topics: [String]) async throws -> Int64 {
        let admin = KafkaAdmin(configuration: TestEnvironment.kafka)
        var marks: [PartitionWatermarks] = []
        for attempt in 1...20 {
            marks = try await admin.watermarks(topics: topics)
            if Set(marks.map(\.topic)) == Set(topics) { break }
            if attempt < 20 { try await Task.sleep(for: .milliseconds(250)) }
        }
        return marks.reduce(0) { $0 + $1.count }
    }

    /// True once `group` has committed an offset past every record on `topics`.
    static func caughtUp(group: String, topics: [String]) async throws -> Bool {
        let lag = try await KafkaAdmin(configuration: TestEnvironment.kafka).groupLag(group: group, topics: topics)
        return !lag.isEmpty && lag.allSatisfy { $0.lag == 0 }
    }

    /// Waits until `group` consumed everything on `topics` and the service's outbox in `schema` is
    /// published: the point where a service has done all it will do with what it was given.
    static func settled(group: String, topics: [String], schema: String, timeout: Duration = .seconds(60)) async throws -> Bool {
        try await SuiteWorld.eventually(timeout: timeout) {
            guard try await caughtUp(group: group, topics: topics) else { return false }
            return try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox WHERE sent_at IS NULL") == 0
        }
    }

    /// The value of one Prometheus sample (`name{labels} value`) whose labels contain `label`; nil if absent.
    static func metric(_ name: String, label: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            guard line.contains(label), let value = line.split(separator: " ").last else { continue }
            return Double(value)
        }
        return nil
    }
}

/// Students as identification would announce them (opaque ids only), stages and tiers mixed, with
/// fixed CloudEvents ids so the same announcement can be delivered again.
struct IdentifiedStudents {
    struct Student {
        var id: String
        var stage: Stage
        var tier: NeedTier
        var school: String
    }

    let students: [Student]

    init(count: Int, prefix: String) {
        let stages = Stage.allCases
        let tiers = NeedTier.allCases
        students = (0..<count).map { index in
            // Tiers advance once per full round of stages, so every (stage, tier) pair occurs.
            Student(id: prefix + String(format: "-%04d", index), stage: stages[index % stages.count],
                    tier: tiers[(index / stages.count) % tiers.count], school: "SCH-\(index % 4)")
        }
    }

    static func event(_ student: Student) -> IdentificationEvent.StudentIdentified {
        IdentificationEvent.StudentIdentified(
            decisionId: "decision-\(student.id)", studentId: student.id, householdId: "HH-\(student.id)",
            placement: .init(schoolId: student.school, townCode: "370785101", stage: student.stage),
            tier: student.tier, ruleVersion: "2026.1", basis: ["registry:dibao"])
    }

    /// One message per student, each with the same ce_id every time it is built.
    func messages(topic: String) throws -> [OutgoingMessage] {
        try students.map { try RawEvents.cloudEvent(Self.event($0), id: "identified-\($0.id)", topic: topic) }
    }

    /// (student, program) pairs the standard catalog grants in one semester, all boarding.
    var expectedGrants: Set<String> {
        Set(students.flatMap { student in
            GrantCatalog.standard.entitlements(stage: student.stage, tier: student.tier, boarding: true).map { "\(student.id)/\($0.programCode)" }
        })
    }

    var expectedEntitlementCount: Int {
        students.reduce(0) { $0 + GrantCatalog.standard.entitlements(stage: $1.stage, tier: $1.tier, boarding: true).count }
    }
}
