import CRdKafka
import Foundation
import Logging
import Synchronization

/// An idempotent producer (acks=all) whose `send` awaits the broker's delivery report for every message.
///
/// A producer that makes no progress (no delivery report within `stallTimeout`, e.g. librdkafka's
/// idempotent producer after a broker restart, which stalls without reporting an error) is replaced
/// by a fresh one; the affected messages are reported as failed so the caller sends them again.
/// Callers that need exactly-once effects (the outbox relay) mark messages done only on success.
public final class KafkaProducer: Sendable {
    public struct Settings: Sendable {
        /// How long a batch may wait for its delivery reports before the producer is considered stalled.
        public var stallTimeout: Duration
        public var lingerMilliseconds: Int

        public init(stallTimeout: Duration = .seconds(30), lingerMilliseconds: Int = 5) {
            self.stallTimeout = stallTimeout
            self.lingerMilliseconds = lingerMilliseconds
        }
    }

    private let configuration: KafkaConfiguration
    private let settings: Settings
    private let logger: Logger
    fileprivate let current: Mutex<ProducerInstance?>
    private let replacements = Atomic<Int>(0)

    public init(configuration: KafkaConfiguration, settings: Settings = Settings(), logger: Logger) throws(KafkaError) {
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        current = Mutex(try ProducerInstance(configuration: configuration, settings: settings, logger: logger))
    }

    /// How many times a stalled producer was replaced (exposed for metrics and tests).
    public var replacementCount: Int { replacements.load(ordering: .relaxed) }

    /// Publishes `messages` (in order, per partition) and returns one outcome per message, in order.
    public func send(_ messages: [OutgoingMessage]) async throws(KafkaError) -> [Result<DeliveryReport, KafkaError>] {
        if messages.isEmpty { return [] }
        guard let instance = current.withLock({ $0 }) else { throw .closed }
        let outcomes = await instance.send(messages, deadline: .now + settings.stallTimeout)
        if outcomes.contains(where: { if case .failure(.producerStalled) = $0 { true } else { false } }) {
            replace(stalled: instance)
        }
        return outcomes
    }

    /// Publishes `messages` and throws the first failure.
    @discardableResult
    public func sendAll(_ messages: [OutgoingMessage]) async throws(KafkaError) -> [DeliveryReport] {
        var reports: [DeliveryReport] = []
        for outcome in try await send(messages) {
            switch outcome {
            case .success(let report): reports.append(report)
            case .failure(let error): throw error
            }
        }
        return reports
    }

    private func replace(stalled: ProducerInstance) {
        let old: ProducerInstance? = current.withLock { instance in
            guard let active = instance, active === stalled else { return nil }
            do {
                instance = try ProducerInstance(configuration: configuration, settings: settings, logger: logger)
            } catch {
                logger.error("could not create a replacement producer", metadata: ["error": "\(error)"])
                return nil
            }
            return active
        }
        guard let old else { return }
        replacements.add(1, ordering: .relaxed)
        logger.warning("producer stalled; replaced it with a new one", metadata: ["kafka.client": "\(configuration.clientID)"])
        old.abandon()
    }

    /// Waits up to `timeout` for queued messages, then stops the producer. Runs off the cooperative pool.
    public func close(timeout: Duration = .seconds(10)) async {
        guard let instance = current.withLock({ instance in defer { instance = nil }; return instance }) else { return }
        await instance.close(timeout: timeout)
    }
}

/// One librdkafka producer handle with its own poll thread serving delivery reports.
final class ProducerInstance: Sendable {
    fileprivate let handle: RdKafkaHandle
    private let tracker: DeliveryTracker
    private let calls: BlockingCallQueue
    private let running = Atomic<Bool>(true)
    private let stopped = DispatchSemaphore(value: 0)

    init(configuration: KafkaConfiguration, settings: KafkaProducer.Settings, logger: Logger) throws(KafkaError) {
        let tracker = DeliveryTracker()
        let timeoutMilliseconds = Int(settings.stallTimeout.components.seconds * 1000)
        let conf = try configuration.makeRawConfiguration(extra: [
            "enable.idempotence": "true",
            "acks": "all",
            "linger.ms": "\(settings.lingerMilliseconds)",
            // Longer than the stall timeout, so the stall check below always fires first. Were they
            // equal, librdkafka's own "Message timed out" reports would usually complete a stalled
            // batch a few milliseconds before its deadline, and the stalled producer would be kept.
            "message.timeout.ms": "\(max(timeoutMilliseconds, 1000) + 5000)",
        ])
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(tracker).toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let message, let opaque, let token = message.pointee._private else { return }
            let tracker = Unmanaged<DeliveryTracker>.fromOpaque(opaque).takeUnretainedValue()
            let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
            let outcome: DeliveryTracker.Outcome = message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR
                ? .success(DeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset))
                : .failure(.delivery(topic: topic, reason: errorText(message.pointee.err)))
            tracker.complete(token: UInt(bitPattern: token), outcome: outcome)
        }
        handle = try RdKafkaHandle(type: RD_KAFKA_PRODUCER, configuration: conf)
        self.tracker = tracker
        calls = BlockingCallQueue(label: "kafka.producer.\(configuration.clientID)")
        let stallSeconds = Double(settings.stallTimeout.components.seconds)
        calls.spawn { [self] in
            // Serve delivery reports until stopped; expiring overdue batches is how a stall is noticed.
            while running.load(ordering: .acquiring) {
                rd_kafka_poll(handle.pointer, 100)
                _ = tracker.expire(now: .now) { pending in .producerStalled(pending: pending, seconds: stallSeconds) }
            }
            stopped.signal()
        }
    }

    func send(_ messages: [OutgoingMessage], deadline: ContinuousClock.Instant) async -> [DeliveryTracker.Outcome] {
        await withCheckedContinuation { continuation in
            let batch = tracker.register(count: messages.count, deadline: deadline, continuation: continuation)
            for (index, message) in messages.enumerated() {
                let token = DeliveryTracker.token(batch: batch, index: index)
                if let failure = produce(message, token: token) {
                    tracker.complete(token: token, outcome: .failure(failure))
                }
            }
        }
    }

    private func produce(_ message: OutgoingMessage, token: UInt) -> KafkaError? {
        guard let headers = rd_kafka_headers_new(message.headers.count) else {
            return .delivery(topic: message.topic, reason: "could not allocate headers")
        }
        for header in message.headers {
            if let value = header.value {
                value.withUnsafeBytes { bytes in
                    _ = rd_kafka_header_add(headers, header.name, -1, bytes.baseAddress, bytes.count)
                }
            } else {
                _ = rd_kafka_header_add(headers, header.name, -1, nil, 0)
            }
        }
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                (message.key ?? []).withUnsafeBytes { key in
                    var fields = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 6)
                    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC
                    fields[0].u.cstr = topic
                    fields[1].vtype = RD_KAFKA_VTYPE_VALUE
                    fields[1].u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: value.baseAddress), size: value.count)
                    fields[2].vtype = RD_KAFKA_VTYPE_KEY
                    fields[2].u.mem = .init(ptr: message.key == nil ? nil : UnsafeMutableRawPointer(mutating: key.baseAddress), size: key.count)
                    fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    fields[3].u.i = RD_KAFKA_MSG_F_COPY
                    fields[4].vtype = RD_KAFKA_VTYPE_OPAQUE
                    fields[4].u.ptr = UnsafeMutableRawPointer(bitPattern: token)
                    fields[5].vtype = RD_KAFKA_VTYPE_HEADERS
                    fields[5].u.headers = headers
                    return rd_kafka_produceva(handle.pointer, fields, fields.count)
                }
            }
        }
        guard let error else { return nil }
        // On failure the headers were not taken over by librdkafka.
        rd_kafka_headers_destroy(headers)
        let reason = String(cString: rd_kafka_error_string(error))
        rd_kafka_error_destroy(error)
        return .delivery(topic: message.topic, reason: reason)
    }

    /// Drops a stalled producer: purges what it still holds and destroys it in the background.
    func abandon() {
        running.store(false, ordering: .releasing)
        Thread.detachNewThread { [self] in
            stopped.wait()
            rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING)
            rd_kafka_poll(handle.pointer, 0)
        }
    }

    func close(timeout: Duration) async {
        running.store(false, ordering: .releasing)
        let milliseconds = Int32(timeout.components.seconds * 1000)
        await calls.run { [self] in
            stopped.wait()
            rd_kafka_flush(handle.pointer, milliseconds)
        }
    }
}

extension KafkaProducer {
    /// True when broker metadata can be fetched within `timeout` (for readiness checks).
    public func isBrokerReachable(timeout: Duration = .seconds(2)) async -> Bool {
        guard let instance = current.withLock({ $0 }) else { return false }
        return await instance.isBrokerReachable(timeout: timeout)
    }
}

extension ProducerInstance {
    func isBrokerReachable(timeout: Duration) async -> Bool {
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return await BlockingCallQueue(label: "kafka.metadata").run { [handle] in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let result = rd_kafka_metadata(handle.pointer, 0, nil, &metadata, milliseconds)
            if let metadata { rd_kafka_metadata_destroy(metadata) }
            return result == RD_KAFKA_RESP_ERR_NO_ERROR
        }
    }
}
