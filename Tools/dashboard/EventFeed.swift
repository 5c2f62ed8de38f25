import AidContracts
import Kafka
import Logging
import Metrics
import ServiceLifecycle
import ServiceRuntime

/// Reads every event topic from the earliest offset with a consumer group of its own and folds each
/// record into the board. It stores no offsets, so nothing is committed: every start rebuilds the
/// figures from the topics. It is caught up once it has read up to the high watermarks it saw at start.
struct EventFeed: Service {
    let consumer: KafkaConsumer
    let board: FigureBoard
    let topicPrefix: String
    let startWatermarks: [PartitionWatermarks]
    let logger: Logger

    func run() async throws {
        var pending: [PartitionKey: Int64] = [:]
        for mark in startWatermarks where mark.high > mark.low {
            pending[PartitionKey(topic: mark.topic, partition: mark.partition)] = mark.high - 1
        }
        if pending.isEmpty { board.markCaughtUp() }
        await withGracefulShutdownHandler {
            for await batch in consumer.batches {
                fold(batch)
                guard !pending.isEmpty else { continue }
                for message in batch {
                    let key = PartitionKey(topic: message.topic, partition: message.partition)
                    if let last = pending[key], message.offset >= last { pending[key] = nil }
                }
                if pending.isEmpty {
                    logger.info("caught up with the topics")
                    board.markCaughtUp()
                }
            }
            await consumer.close()
        } onGracefulShutdown: {
            consumer.stop()
        }
    }

    private struct PartitionKey: Hashable {
        var topic: String
        var partition: Int32
    }

    private func fold(_ batch: [KafkaMessage]) {
        var outcomes: [String: Int] = [:]
        board.update { fold in
            for message in batch {
                var headers: [String: String] = [:]
                for header in message.headers {
                    if let value = header.value { headers[header.name] = String(decoding: value, as: UTF8.self) }
                }
                let envelope: CloudEventEnvelope
                do {
                    envelope = try CloudEventEnvelope(headers: headers, data: message.value)
                } catch {
                    fold.skipUnreadable()
                    outcomes["unreadable", default: 0] += 1
                    logger.debug("unreadable record", metadata: [
                        DashboardLogKey.record: "\(message.topic)[\(message.partition)]@\(message.offset)", LogKey.error: "\(error)",
                    ])
                    continue
                }
                switch fold.apply(envelope, from: Topic(String(message.topic.dropFirst(topicPrefix.count)))) {
                case .applied: outcomes["applied", default: 0] += 1
                case .duplicate: outcomes["duplicate", default: 0] += 1
                case .skipped(let reason):
                    outcomes["skipped", default: 0] += 1
                    logger.debug("record skipped", metadata: [LogKey.eventID: "\(envelope.id)", LogKey.error: "\(reason)"])
                }
            }
            // Only a batch of nothing but redeliveries leaves the figures (and their counters) as they were.
            return outcomes.keys.contains { $0 != "duplicate" }
        }
        for (outcome, count) in outcomes {
            Counter(label: DashboardMetrics.records, dimensions: [("outcome", outcome)]).increment(by: count)
        }
    }
}
