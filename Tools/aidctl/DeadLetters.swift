import AidContracts
import ArgumentParser
import Kafka
import ServiceRuntime

/// `dlq list` and `dlq replay`: what a consumer group could not process, and sending it back.
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List or replay a consumer group's dead letters (topic <prefix>aid.dlq.<group>).",
        subcommands: [List.self, Replay.self])

    struct GroupOptions: ParsableArguments {
        @Option(help: "The consumer group, as the service names it (e.g. disbursement).")
        var group: String

        @OptionGroup var kafka: KafkaOptions

        func read() async throws -> [(DeadLetter, KafkaMessage)] {
            let configuration = try kafka.configuration()
            let topic = configuration.topicPrefix + Topic.deadLetter(group: group).name
            return try await TopicScan(configuration: configuration).read([topic]).map { (DeadLetter($0), $0) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each dead letter: reason, original topic/partition/offset, event type.")

        @OptionGroup var target: GroupOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let letters = try await target.read().map(\.0)
            if output.json { return try Console.json(letters) }
            if letters.isEmpty { return print("no dead letters for group \(target.group)") }
            Console.table(
                ["DLQ POSITION", "EVENT TYPE", "ORIGINAL", "FAILED AT", "REASON"],
                letters.map { letter in
                    [letter.position, letter.eventType ?? "(unreadable)",
                     "\(letter.originalTopic ?? "?")[\(letter.originalPartition.map(String.init) ?? "?")]@\(letter.originalOffset.map(String.init) ?? "?")",
                     letter.failedAt ?? "", letter.reason]
                })
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish dead letters again to their original topic, with their original headers (dlq_* removed).",
            discussion: """
                Each record carries one header more, dlq_replayed_from (its place on the dead-letter topic), so the \
                consuming service's inbox knows it is a replay: an event it already processed is ignored, one it \
                dead-lettered is processed again (and dead-lettered again if it still fails). A plain redelivery of a \
                dead-lettered event stays skipped.
                """)

        @OptionGroup var target: GroupOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "The dead letter to replay: its DLQ position 'partition:offset' as `dlq list` shows it, or the offset alone when only one partition has it.")
        var offset: String?

        @Flag(help: "Replay every dead letter of the group.")
        var all = false

        struct Replayed: Codable {
            var from: String
            var topic: String
            var partition: Int32
            var offset: Int64
            var eventId: String?
        }

        func validate() throws {
            switch (offset, all) {
            case (nil, false): throw ValidationError("pass --offset partition:offset (or an offset) or --all")
            case (.some, true): throw ValidationError("pass either --offset or --all, not both")
            default: break
            }
        }

        func run() async throws {
            let letters = try await target.read()
            let chosen = try select(letters)
            let messages = try chosen.map { letter, message in
                guard let topic = letter.originalTopic else {
                    throw CLIError.kafka("dead letter \(letter.position) has no dlq_original_topic header; it cannot be replayed")
                }
                // The marker tells the consumer's inbox this is an operator's replay, not a redelivery.
                let headers = message.headers.filter { !$0.name.hasPrefix("dlq_") }
                    + [KafkaHeader(EventConsumerService.replayedFromHeader, "\(message.topic)[\(message.partition)]@\(message.offset)")]
                return OutgoingMessage(topic: topic, key: message.key, value: message.value, headers: headers)
            }
            let configuration = try target.kafka.configuration()
            let producer = try KafkaProducer(configuration: configuration.kafka, logger: KafkaOptions.logger)
            let reports: [DeliveryReport]
            do {
                reports = try await producer.sendAll(messages)
            } catch {
                await producer.close()
                throw CLIError.kafka("replay failed: \(error)")
            }
            await producer.close()
            let replayed = zip(chosen, reports).map { chosen, report in
                Replayed(from: chosen.0.position, topic: report.topic, partition: report.partition, offset: report.offset, eventId: chosen.0.eventId)
            }
            if output.json { return try Console.json(replayed) }
            if replayed.isEmpty { return print("no dead letters for group \(target.group)") }
            for item in replayed {
                print("replayed \(item.from) (\(item.eventId ?? "no event id")) to \(item.topic)[\(item.partition)]@\(item.offset)")
            }
        }

        private func select(_ letters: [(DeadLetter, KafkaMessage)]) throws -> [(DeadLetter, KafkaMessage)] {
            guard let offset else { return letters }
            let parts = offset.split(separator: ":")
            let matches: [(DeadLetter, KafkaMessage)]
            if parts.count == 2, let partition = Int32(parts[0]), let number = Int64(parts[1]) {
                matches = letters.filter { $0.0.partition == partition && $0.0.offset == number }
            } else if parts.count == 1, let number = Int64(parts[0]) {
                matches = letters.filter { $0.0.offset == number }
                if matches.count > 1 {
                    throw ValidationError("offset \(number) is on several partitions (\(matches.map(\.0.position).joined(separator: ", "))); pass partition:offset")
                }
            } else {
                throw ValidationError("--offset must be partition:offset or an offset, got '\(offset)'")
            }
            guard !matches.isEmpty else { throw CLIError.notFound("no dead letter at \(offset) for group \(target.group); see `aidctl dlq list --group \(target.group)`") }
            return matches
        }
    }
}
