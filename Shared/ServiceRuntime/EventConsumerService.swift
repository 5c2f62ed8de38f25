import AidContracts
import Foundation
import Kafka
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Tracing

/// Runs one consumer group: each batch is applied in one transaction with its inbox records, and the
/// offsets are stored only after that transaction commits. If the batch fails, its events are applied
/// one by one: bad events (`EventRejected`, unreadable envelopes) are dead-lettered at once; an event
/// that keeps failing for another reason is dead-lettered after `maxRetries`, unless the database is
/// unreachable, which is no fault of the event (then it waits). Dead letters are written through the
/// outbox in the same transaction as the inbox record, so none is lost or sent twice.
public final class EventConsumerService: Service, Sendable {
    private let handler: any EventHandler
    private let consumer: KafkaConsumer
    private let database: Database
    private let doorbell: Doorbell
    private let source: String
    private let maxRetries: Int
    private let logger: Logger
    /// The group's name on the broker (with the topic prefix), as spans report it.
    private let groupID: String

    public init(handler: any EventHandler, consumer: KafkaConsumer, database: Database, doorbell: Doorbell, source: String, maxRetries: Int, logger: Logger, groupID: String? = nil) {
        self.handler = handler
        self.groupID = groupID ?? handler.consumerGroup
        self.consumer = consumer
        self.database = database
        self.doorbell = doorbell
        self.source = source
        self.maxRetries = maxRetries
        var logger = logger
        logger[metadataKey: LogKey.consumerGroup] = "\(handler.consumerGroup)"
        self.logger = logger
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            for await batch in consumer.batches {
                try await process(batch)
                consumer.storeOffsets(batch)
            }
            await consumer.close()
        } onGracefulShutdown: {
            self.consumer.stop()
        }
    }

    private enum Item {
        case event(ReceivedEvent)
        case unreadable(KafkaMessage, reason: String)

        var message: KafkaMessage {
            switch self {
            case .event(let event): event.message
            case .unreadable(let message, _): message
            }
        }
    }

    func process(_ batch: [KafkaMessage]) async throws {
        let started = ContinuousClock.now
        let items = batch.map(Self.read)
        do {
            try await database.transaction { connection in
                var outbox = OutboxBatch(source: source)
                for item in items {
                    try await apply(item, on: connection, outbox: &outbox)
                }
                try await outbox.write(on: connection)
            }
        } catch {
            logger.info("batch failed; applying its events one by one", metadata: [LogKey.error: "\(LoggableError.describe(error))"])
            for item in items { try await applyAlone(item) }
        }
        doorbell.ring()
        Timer(label: RuntimeMetrics.eventBatchSeconds, dimensions: [("group", handler.consumerGroup)])
            .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
    }

    private static func read(_ message: KafkaMessage) -> Item {
        var headers: [String: String] = [:]
        for header in message.headers {
            if let value = header.value { headers[header.name] = String(decoding: value, as: UTF8.self) }
        }
        do {
            return .event(ReceivedEvent(envelope: try CloudEventEnvelope(headers: headers, data: message.value), message: message))
        } catch {
            return .unreadable(message, reason: error.description)
        }
    }

    /// Applies one item inside the caller's transaction. Throws for anything that is not the event's fault
    /// and for rejections (so that the batch is retried one by one and only the bad event is set aside).
    private func apply(_ item: Item, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch item {
        case .unreadable(_, let reason):
            throw EventRejected(reason)
        case .event(let event):
            let span = MessagingSpan.process(event.message, group: groupID)
            defer { span.end() }
            do {
                guard try await claim(
                    inboxID: event.id, topic: event.message.topic, type: event.type, outcome: "processed",
                    replay: Self.isReplay(event.message), on: connection)
                else {
                    span.attributes["aid.inbox.duplicate"] = true
                    Counter(label: RuntimeMetrics.eventsDuplicate, dimensions: [("group", handler.consumerGroup)]).increment()
                    return
                }
                // Events the handler publishes are caused by this span (`OutboxBatch` reads it).
                try await InstrumentationContext.$current.withValue(span.context) {
                    try await handler.handle(event, on: connection, outbox: &outbox)
                }
            } catch {
                MessagingSpan.fail(span, error)
                throw error
            }
            Counter(label: RuntimeMetrics.eventsProcessed, dimensions: [("group", handler.consumerGroup)]).increment()
        }
    }

    /// Set by `aidctl dlq replay` on a record it sends back from `aid.dlq.<group>` to its topic.
    public static let replayedFromHeader = "dlq_replayed_from"

    private static func isReplay(_ message: KafkaMessage) -> Bool {
        message.header(replayedFromHeader) != nil
    }

    private func applyAlone(_ item: Item) async throws {
        var attempt = 0
        while true {
            do {
                try await database.transaction { connection in
                    var outbox = OutboxBatch(source: source)
                    try await apply(item, on: connection, outbox: &outbox)
                    try await outbox.write(on: connection)
                }
                return
            } catch let rejection as EventRejected {
                try await deadLetter(item, reason: rejection.reason)
                return
            } catch {
                // Cancelled: the service is going down; the event stays unconsumed for the next start.
                if Task.isCancelled { throw CancellationError() }
                if !(await database.isReachable()) {
                    logger.warning("database unreachable; waiting before retrying the event", metadata: [LogKey.error: "\(LoggableError.describe(error))"])
                    try await Task.sleep(for: .seconds(1))
                    continue
                }
                attempt += 1
                if attempt > maxRetries {
                    try await deadLetter(item, reason: "failed \(attempt) times: \(LoggableError.describe(error))")
                    return
                }
                try await Task.sleep(for: .milliseconds(100 << min(attempt, 6)))
            }
        }
    }

    private func deadLetter(_ item: Item, reason: String) async throws {
        let message = item.message
        let inboxID: String
        let type: String?
        switch item {
        case .event(let event): (inboxID, type) = (event.id, event.type)
        case .unreadable: (inboxID, type) = ("kafka:\(message.topic):\(message.partition):\(message.offset)", nil)
        }
        let group = handler.consumerGroup
        var metadata: Logger.Metadata = [LogKey.eventID: "\(inboxID)", "reason": "\(reason)"]
        // Outside the record's span (it has ended): name its trace so the line leads to it.
        if let traceID = message.header(TraceContext.header).flatMap(TraceContext.traceID(of:)) {
            metadata[LogKey.traceID] = "\(traceID)"
        }
        logger.error("event dead-lettered", metadata: metadata)
        try await database.transaction { connection in
            guard try await claim(inboxID: inboxID, topic: message.topic, type: type, outcome: "dead-lettered", replay: Self.isReplay(message), on: connection) else { return }
            var outbox = OutboxBatch(source: source)
            var headers: [(String, String)] = message.headers.compactMap { header in
                header.value.map { (header.name, String(decoding: $0, as: UTF8.self)) }
            }
            headers += [
                ("dlq_reason", reason), ("dlq_consumer_group", group), ("dlq_original_topic", message.topic),
                ("dlq_original_partition", "\(message.partition)"), ("dlq_original_offset", "\(message.offset)"),
                ("dlq_failed_at", EventCoding.formatTime(Date())),
            ]
            outbox.appendRaw(
                eventID: "dlq:\(group):\(message.topic):\(message.partition):\(message.offset)",
                topic: Topic.deadLetter(group: group).name, key: message.keyString, headers: headers, payload: message.value)
            try await outbox.write(on: connection)
        }
        Counter(label: RuntimeMetrics.eventsDeadLettered, dimensions: [("group", group)]).increment()
    }

    /// Records the event id for this group; false when it was already recorded (a redelivery). A replay
    /// from the dead-letter topic (an operator's decision, marked by `replayedFromHeader`) may claim an
    /// id recorded as dead-lettered: it is processed, or dead-lettered anew if it still fails. A plain
    /// redelivery of a dead-lettered event is skipped like any other.
    private func claim(inboxID: String, topic: String, type: String?, outcome: String, replay: Bool, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.run("""
            INSERT INTO inbox (event_id, consumer_group, topic, event_type, outcome)
            VALUES (\(inboxID), \(handler.consumerGroup), \(topic), \(type), \(outcome))
            ON CONFLICT (consumer_group, event_id) DO UPDATE SET outcome = EXCLUDED.outcome, topic = EXCLUDED.topic, processed_at = now()
                WHERE \(replay)::boolean AND inbox.outcome = 'dead-lettered'
            RETURNING 1
            """).collect()
        return !rows.isEmpty
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
