import AidContracts
import ArgumentParser
import Kafka

/// Consumer-group lag: per partition, the group's committed offset against the high watermark.
struct Lag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each service's consumer-group lag per partition.",
        discussion: """
            A group's topics are those it has committed offsets on (pass --topic to name them instead); a group \
            that has committed nothing is reported as such. By default every consumer group of the suite's services.
            """)

    /// The consumer groups the services run (each service's `EventHandler.consumerGroup`).
    static let serviceGroups = [
        "identification-clawbacks", "disbursement", "disbursement-clawbacks", "charity", "pairing", "training", "inspection",
    ]

    struct GroupLag: Codable {
        struct Partition: Codable {
            var topic: String
            var partition: Int32
            var committed: Int64?
            var low: Int64
            var high: Int64
            var lag: Int64
        }

        var group: String
        var lag: Int64
        /// False when the group has no committed offset on the topics asked about.
        var committed: Bool
        var partitions: [Partition]
    }

    @Option(name: .customLong("group"), help: "A consumer group (repeatable; default: every service's group).")
    var groups: [String] = []

    @Option(name: .customLong("topic"), help: "A topic to check, without the prefix (repeatable; default: the topics the group committed on).")
    var topics: [String] = []

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let configuration = try kafka.configuration()
        let prefix = configuration.topicPrefix
        let admin = KafkaAdmin(configuration: configuration.kafka)
        let candidates = (topics.isEmpty ? Topic.allEventTopics.map(\.name) : topics).map { prefix + $0 }
        var results: [GroupLag] = []
        for group in groups.isEmpty ? Self.serviceGroups : groups {
            let lag: [PartitionLag]
            do {
                lag = try await admin.groupLag(group: prefix + group, topics: candidates)
            } catch {
                throw CLIError.kafka("lag of group \(group): \(error)")
            }
            let consumed = topics.isEmpty ? Set(lag.filter { $0.committed != nil }.map(\.topic)) : Set(candidates)
            let partitions = lag.filter { consumed.contains($0.topic) }.map { entry in
                GroupLag.Partition(
                    topic: String(entry.topic.dropFirst(prefix.count)), partition: entry.partition, committed: entry.committed,
                    low: entry.watermarks.low, high: entry.watermarks.high, lag: entry.lag)
            }
            results.append(GroupLag(
                group: group, lag: partitions.reduce(0) { $0 + $1.lag },
                committed: lag.contains { $0.committed != nil }, partitions: partitions))
        }
        if output.json { return try Console.json(results) }
        for (index, result) in results.enumerated() {
            if index > 0 { print("") }
            guard result.committed else {
                print("\(result.group): no committed offsets (not running yet, or nothing consumed)")
                continue
            }
            print("\(result.group): lag \(result.lag)")
            Console.table(
                ["TOPIC", "PARTITION", "COMMITTED", "HIGH", "LAG"],
                result.partitions.map { [$0.topic, "\($0.partition)", $0.committed.map(String.init) ?? "-", "\($0.high)", "\($0.lag)"] },
                indent: "  ")
        }
    }
}
