import CRdKafka
import Logging
import Synchronization

/// A consumer-group member that hands out messages in batches as an async sequence.
///
/// Offsets are stored only when the caller says a message was processed (`storeOffsets`), and
/// committed from the stored offsets periodically, before partitions are revoked in a rebalance,
/// and when the consumer closes (which also leaves the group cleanly). A poll happens only when the
/// caller asks for the next batch, so when a rebalance runs, everything handed out is processed.
/// Polls block on a private queue, never on the cooperative pool, and there is no sleeping between
/// them: the first message is awaited with a blocking poll, the rest of the batch is drained without
/// waiting.
public final class KafkaConsumer: Sendable {
    public struct Settings: Sendable {
        public var groupID: String
        public var topics: [String]
        public var maxBatchSize: Int
        public var sessionTimeoutMilliseconds: Int?
        public var heartbeatIntervalMilliseconds: Int?
        public var autoCommitIntervalMilliseconds: Int
        public var startFromEarliest: Bool

        public init(
            groupID: String, topics: [String], maxBatchSize: Int = 500,
            sessionTimeoutMilliseconds: Int? = nil, heartbeatIntervalMilliseconds: Int? = nil,
            autoCommitIntervalMilliseconds: Int = 1000, startFromEarliest: Bool = true
        ) {
            self.groupID = groupID
            self.topics = topics
            self.maxBatchSize = maxBatchSize
            self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
            self.heartbeatIntervalMilliseconds = heartbeatIntervalMilliseconds
            self.autoCommitIntervalMilliseconds = autoCommitIntervalMilliseconds
            self.startFromEarliest = startFromEarliest
        }
    }

    private let handle: RdKafkaHandle
    private let callbacks: ConsumerCallbacks
    private let calls: BlockingCallQueue
    private let settings: Settings
    private let stopRequested = Atomic<Bool>(false)
    private let closed = Atomic<Bool>(false)

    public init(configuration: KafkaConfiguration, settings: Settings, logger: Logger) throws(KafkaError) {
        var extra = [
            "group.id": settings.groupID,
            "enable.auto.commit": "true",
            "enable.auto.offset.store": "false",
            "auto.commit.interval.ms": "\(settings.autoCommitIntervalMilliseconds)",
            "auto.offset.reset": settings.startFromEarliest ? "earliest" : "latest",
            "partition.assignment.strategy": "range,roundrobin",
        ]
        if let value = settings.sessionTimeoutMilliseconds { extra["session.timeout.ms"] = "\(value)" }
        if let value = settings.heartbeatIntervalMilliseconds { extra["heartbeat.interval.ms"] = "\(value)" }
        let conf = try configuration.makeRawConfiguration(extra: extra)
        let callbacks = ConsumerCallbacks(logger: logger)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(callbacks).toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf) { rk, error, partitions, opaque in
            guard let rk, let opaque else { return }
            Unmanaged<ConsumerCallbacks>.fromOpaque(opaque).takeUnretainedValue()
                .rebalance(rk, error: error, partitions: partitions)
        }
        handle = try RdKafkaHandle(type: RD_KAFKA_CONSUMER, configuration: conf)
        self.callbacks = callbacks
        self.settings = settings
        calls = BlockingCallQueue(label: "kafka.consumer.\(settings.groupID)")
        rd_kafka_poll_set_consumer(handle.pointer)

        guard let list = rd_kafka_topic_partition_list_new(Int32(settings.topics.count)) else {
            throw .operation("subscribe", reason: "could not allocate a topic list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in settings.topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        let result = rd_kafka_subscribe(handle.pointer, list)
        if result != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw .operation("subscribe to \(settings.topics)", reason: errorText(result))
        }
    }

    /// Batches of messages until `stop()` is called; then the sequence ends.
    public var batches: Batches { Batches(consumer: self) }

    public struct Batches: AsyncSequence, Sendable {
        public typealias Element = [KafkaMessage]
        let consumer: KafkaConsumer

        public struct AsyncIterator: AsyncIteratorProtocol {
            let consumer: KafkaConsumer
            public mutating func next() async -> [KafkaMessage]? { await consumer.nextBatch() }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(consumer: consumer) }
    }

    /// Ends the sequence (nil) once stopped, or when the polling task is cancelled: a poll loop on
    /// the consumer's own queue would not notice cancellation by itself.
    private func nextBatch() async -> [KafkaMessage]? {
        await withTaskCancellationHandler {
            await pollBatch()
        } onCancel: {
            stop()
        }
    }

    private func pollBatch() async -> [KafkaMessage]? {
        await calls.run { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                guard let first = rd_kafka_consumer_poll(handle.pointer, 100) else { continue }
                var batch: [KafkaMessage] = []
                var next: UnsafeMutablePointer<rd_kafka_message_t>? = first
                while let raw = next {
                    if let message = callbacks.take(raw) { batch.append(message) }
                    next = batch.count < settings.maxBatchSize ? rd_kafka_consumer_poll(handle.pointer, 0) : nil
                }
                if !batch.isEmpty { return batch }
            }
            return nil
        }
    }

    /// Marks these messages processed: their offsets (+1) will be committed.
    public func storeOffsets(_ messages: [KafkaMessage]) {
        var highest: [String: [Int32: Int64]] = [:]
        for message in messages {
            highest[message.topic, default: [:]][message.partition] = max(
                highest[message.topic]?[message.partition] ?? -1, message.offset)
        }
        guard let list = rd_kafka_topic_partition_list_new(Int32(messages.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (topic, partitions) in highest {
            for (partition, offset) in partitions {
                rd_kafka_topic_partition_list_add(list, topic, partition).pointee.offset = offset + 1
            }
        }
        let result = rd_kafka_offsets_store(handle.pointer, list)
        if result != RD_KAFKA_RESP_ERR_NO_ERROR {
            // Happens for partitions revoked meanwhile; their new owner re-reads, the inbox dedupes.
            callbacks.logger.debug("offsets not stored", metadata: ["reason": "\(errorText(result))"])
        }
    }

    /// Commits stored offsets now (synchronously, on the consumer's own queue).
    public func commit() async throws(KafkaError) {
        let result = await calls.run { [handle] in rd_kafka_commit(handle.pointer, nil, 0) }
        if result != RD_KAFKA_RESP_ERR_NO_ERROR && result != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw .operation("commit", reason: errorText(result))
        }
    }

    /// Ends the batch sequence after the batch being polled; call `close()` once the loop returns.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Commits stored offsets and leaves the group. Safe to call more than once.
    public func close() async {
        stop()
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await calls.run { [handle, callbacks] in
            let result = rd_kafka_consumer_close(handle.pointer)
            if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                callbacks.logger.warning("consumer close reported an error", metadata: ["reason": "\(errorText(result))"])
            }
        }
    }

    /// Partitions currently assigned to this member.
    public var assignedPartitionCount: Int { callbacks.assigned.load(ordering: .relaxed) }
}

/// State reached from librdkafka's C callbacks through the configuration's opaque pointer.
final class ConsumerCallbacks: Sendable {
    let logger: Logger
    let assigned = Atomic<Int>(0)

    init(logger: Logger) { self.logger = logger }

    func rebalance(_ rk: OpaquePointer, error: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        let count = Int(partitions?.pointee.cnt ?? 0)
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if cooperative {
                if let failure = rd_kafka_incremental_assign(rk, partitions) { rd_kafka_error_destroy(failure) }
                assigned.add(count, ordering: .relaxed)
            } else {
                rd_kafka_assign(rk, partitions)
                assigned.store(count, ordering: .relaxed)
            }
            logger.info("partitions assigned", metadata: ["kafka.partitions": "\(count)"])
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            // Everything handed out has been processed (polls happen only between batches), so the
            // stored offsets are complete: commit them before another member takes over.
            let result = rd_kafka_commit(rk, nil, 0)
            if result != RD_KAFKA_RESP_ERR_NO_ERROR && result != RD_KAFKA_RESP_ERR__NO_OFFSET {
                logger.warning("commit before revoke failed", metadata: ["reason": "\(errorText(result))"])
            }
            if cooperative {
                if let failure = rd_kafka_incremental_unassign(rk, partitions) { rd_kafka_error_destroy(failure) }
                assigned.subtract(count, ordering: .relaxed)
            } else {
                rd_kafka_assign(rk, nil)
                assigned.store(0, ordering: .relaxed)
            }
            logger.info("partitions revoked", metadata: ["kafka.partitions": "\(count)"])
        default:
            logger.error("rebalance failed", metadata: ["reason": "\(errorText(error))"])
            rd_kafka_assign(rk, nil)
            assigned.store(0, ordering: .relaxed)
        }
    }

    /// Copies a polled message into Swift values and frees it; errors are logged, not returned.
    func take(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage? {
        defer { rd_kafka_message_destroy(raw) }
        let message = raw.pointee
        guard message.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            if message.err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                logger.warning("consumer error", metadata: ["reason": "\(errorText(message.err))"])
            }
            return nil
        }
        let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let value = message.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: message.len)) } ?? []
        let key = message.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.key_len)) }
        var headers: [KafkaHeader] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(raw, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(list, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append(KafkaHeader(
                    name: name.map { String(cString: $0) } ?? "",
                    value: valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
                index += 1
            }
        }
        return KafkaMessage(
            topic: topic, partition: message.partition, offset: message.offset,
            key: key, value: value, headers: headers)
    }
}
