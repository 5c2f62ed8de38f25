import AidContracts
import ArgumentParser
import Foundation
import Kafka

/// One student's way through the suite: identification's record, disbursement's entitlements, and
/// every event about the student on the topics, which are the cross-service record.
struct Journey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a student's journey across the services and the topics.",
        discussion: "Events are those keyed by the student's id (or with it as CloudEvents subject) on every event topic.")

    /// Identification's view of the student (personal data masked for an operator).
    struct Student: Codable {
        struct Decision: Codable { var decisionId: String; var outcome: String; var tier: String?; var ruleVersion: String; var evidence: [String]; var decidedAt: String }
        var studentId: String
        var schoolId: String
        var stage: String
        var grade: Int
        var status: String
        var identification: String?
        var tier: String?
        var decisions: [Decision]
    }

    struct Entitlement: Codable {
        var entitlementId: String
        var programCode: String
        var semester: String
        var amountFen: Int64
        var status: String
    }

    struct Event: Codable {
        var topic: String
        var partition: Int32
        var offset: Int64
        var id: String
        var type: String
        var time: String
        var source: String
        /// The event's data as JSON text.
        var data: String
    }

    struct Result: Codable {
        var student: Student?
        var entitlements: [Entitlement]
        var events: [Event]
    }

    @Argument(help: "The student's id, e.g. STU-000001.")
    var studentId: String

    @OptionGroup var services: ServiceOptions
    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let path = studentId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? studentId
        let identification = try await services.identification(role: .operator)
        let studentReply = try await identification.send("GET", "/v1/students/\(path)")
        let student: Student? = switch studentReply.status {
        case 200: try JSONDecoder().decode(Student.self, from: studentReply.body)
        case 404: nil
        default: throw identification.failure(studentReply)
        }
        let query = studentId.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? studentId
        let entitlements = try await services.disbursement(role: .operator).call("GET", "/v1/entitlements?studentId=\(query)", as: [Entitlement].self)
        let events = try await eventsAboutStudent()
        guard student != nil || !entitlements.isEmpty || !events.isEmpty else {
            throw CLIError.notFound("no student '\(studentId)': not on identification's roster, no entitlements, no events on the topics")
        }
        let result = Result(student: student, entitlements: entitlements, events: events)
        if output.json { try Console.json(result) } else { show(result) }
    }

    private func eventsAboutStudent() async throws -> [Event] {
        let configuration = try kafka.configuration()
        let topics = Topic.allEventTopics.map { configuration.topicPrefix + $0.name }
        return try await TopicScan(configuration: configuration).read(topics).compactMap { message -> Event? in
            guard message.keyString == studentId || message.header("ce_subject") == studentId else { return nil }
            return Event(
                topic: String(message.topic.dropFirst(configuration.topicPrefix.count)), partition: message.partition, offset: message.offset,
                id: message.header("ce_id") ?? "", type: message.header("ce_type") ?? "(no ce_type)", time: message.header("ce_time") ?? "",
                source: message.header("ce_source") ?? "", data: String(decoding: message.value, as: UTF8.self))
        }.sorted { $0.time < $1.time }
    }

    private func show(_ result: Result) {
        if let student = result.student {
            print("Student \(student.studentId): \(student.stage), grade \(student.grade), school \(student.schoolId), \(student.status)")
            print("Identification: \(student.identification ?? "none")" + (student.tier.map { ", tier \($0)" } ?? ""))
            for decision in student.decisions {
                print("  \(decision.decidedAt)  \(decision.outcome)\(decision.tier.map { " (\($0))" } ?? "")  rules \(decision.ruleVersion)  \(decision.evidence.joined(separator: ", "))")
            }
        } else {
            print("Student \(studentId): not on identification's roster")
        }
        print("\nEntitlements (disbursement):")
        if result.entitlements.isEmpty { print("  none") } else {
            Console.table(
                ["PROGRAMME", "SEMESTER", "AMOUNT", "STATUS", "ENTITLEMENT"],
                result.entitlements.map { [$0.programCode, $0.semester, Console.yuan($0.amountFen), $0.status, $0.entitlementId] }, indent: "  ")
            let paid = result.entitlements.filter { $0.status == "paid" }
            print("  paid: \(paid.count) of \(result.entitlements.count), \(Console.yuan(paid.reduce(0) { $0 + $1.amountFen }))")
        }
        print("\nEvents on the topics (\(result.events.count)):")
        Console.table(["TIME", "TYPE", "WHERE", "DETAIL"], result.events.map { [$0.time, $0.type, "\($0.topic)[\($0.partition)]@\($0.offset)", Self.detail($0)] }, indent: "  ")
    }

    /// The few fields of an event a person looks for first (programme, amount, tier, school).
    private static func detail(_ event: Event) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any] else { return "" }
        var parts: [String] = []
        if let grant = object["grant"] as? [String: Any] {
            parts.append("\(grant["programCode"] ?? "") \(grant["semester"] ?? "")")
            if let amount = grant["amountFen"] as? Int64 ?? (grant["amountFen"] as? Int).map(Int64.init) { parts.append(Console.yuan(amount)) }
        }
        for key in ["tier", "reason", "bankReference", "outcome", "totalRecoveredFen", "toSchoolId", "schoolId"] {
            if let value = object[key] { parts.append("\(key)=\(value)") }
        }
        return parts.joined(separator: "  ")
    }
}
