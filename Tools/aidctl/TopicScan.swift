import Foundation
import Kafka
import ServiceRuntime
import Synchronization

/// Reads topics from their beginning to where they end now, with a throw-away consumer group that
/// stores and commits nothing. Done once every partition reached the high watermark it had at the
/// start and nothing more arrived for `idle` (some brokers report a high watermark short of the log's
/// end, so the watermark alone does not say the end was reached).
struct TopicScan {
    let configuration: ServiceConfiguration
    var idle: Duration = .seconds(1)

    func read(_ topics: [String], timeout: Duration = .seconds(60)) async throws -> [KafkaMessage] {
        let marks = try await KafkaAdmin(configuration: configuration.kafka).watermarks(topics: topics).filter { $0.high > $0.low }
        guard !marks.isEmpty else { return [] }
        let consumer = try KafkaConsumer(
            configuration: configuration.kafka,
            settings: .init(
                groupID: "\(configuration.topicPrefix)aidctl-scan-\(UUID().uuidString.lowercased())",
                topics: Set(marks.map(\.topic)).sorted(),
                // A one-member group that lives for seconds: a short session keeps the join quick.
                sessionTimeoutMilliseconds: configuration.sessionTimeoutMilliseconds ?? 6000,
                heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds ?? 1000,
                startFromEarliest: true),
            logger: KafkaOptions.logger)
        let progress = Progress()
        let reader = Task {
            for await batch in consumer.batches { progress.add(batch) }
        }
        let deadline = ContinuousClock.now + timeout
        var complete = false
        while !complete && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            complete = progress.isComplete(marks, idle: idle)
        }
        consumer.stop()
        await reader.value
        await consumer.close()
        guard complete else {
            throw CLIError.kafka("reading \(topics.joined(separator: ", ")) did not reach their end within \(timeout); is the broker at \(configuration.kafka.bootstrapServers) slow or unreachable?")
        }
        return progress.messages.sorted { ($0.topic, $0.partition, $0.offset) < ($1.topic, $1.partition, $1.offset) }
    }

    private final class Progress: Sendable {
        private struct State {
            var messages: [KafkaMessage] = []
            var highest: [String: Int64] = [:]
            var lastArrival = ContinuousClock.now
        }

        private let state = Mutex(State())

        func add(_ batch: [KafkaMessage]) {
            state.withLock { state in
                state.messages += batch
                for message in batch {
                    let key = "\(message.topic)#\(message.partition)"
                    state.highest[key] = max(state.highest[key] ?? -1, message.offset)
                }
                state.lastArrival = .now
            }
        }

        func isComplete(_ marks: [PartitionWatermarks], idle: Duration) -> Bool {
            state.withLock { state in
                marks.allSatisfy { (state.highest["\($0.topic)#\($0.partition)"] ?? -1) >= $0.high - 1 }
                    && ContinuousClock.now - state.lastArrival >= idle
            }
        }

        var messages: [KafkaMessage] { state.withLock { $0.messages } }
    }
}
