import Foundation
import Kafka
import Logging
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Quiet loggers: warnings and errors only (stall replacement logs a warning, which is expected).
func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: "kafka-tests.\(label)")
    logger.logLevel = .warning
    return logger
}

/// A name no other test (or earlier run against the same broker) uses.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.lowercased())"
}

/// Consumer group timings that suit Tansu (its first join takes about half the session timeout).
func consumerSettings(group: String, topics: [String], maxBatchSize: Int = 500) -> KafkaConsumer.Settings {
    KafkaConsumer.Settings(
        groupID: group, topics: topics, maxBatchSize: maxBatchSize,
        sessionTimeoutMilliseconds: 3000, heartbeatIntervalMilliseconds: 500)
}

enum SharedBroker {
    /// The broker from `KAFKA_BROKERS` (set by scripts/env.sh). Records a failure and throws when the
    /// variable is missing or nothing answers there: these tests fail loudly, they never skip.
    static func configuration(clientID: String = uniqueName("kafka-tests")) async throws -> KafkaConfiguration {
        let servers = try #require(
            ProcessInfo.processInfo.environment["KAFKA_BROKERS"].flatMap { $0.isEmpty ? nil : $0 },
            "KAFKA_BROKERS is not set: run `source scripts/env.sh && scripts/infra.sh start` before `swift test`")
        let configuration = KafkaConfiguration(bootstrapServers: servers, clientID: clientID)
        let probe = try KafkaProducer(configuration: configuration, logger: testLogger("probe"))
        let reachable = await probe.isBrokerReachable(timeout: .seconds(5))
        await probe.close(timeout: .seconds(1))
        try #require(reachable, "no Kafka broker answers at KAFKA_BROKERS=\(servers): run `scripts/infra.sh start`")
        return configuration
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// Drives a consumer's batch sequence in the background and keeps everything it hands out.
final class BackgroundReader: Sendable {
    private final class Received: Sendable {
        let messages = Mutex<[KafkaMessage]>([])
        let batchSizes = Mutex<[Int]>([])
        /// When the first and the latest batch arrived.
        let arrivals = Mutex<(first: ContinuousClock.Instant, last: ContinuousClock.Instant)?>(nil)
    }

    let consumer: KafkaConsumer
    private let received = Received()
    private let loop: Task<Void, Never>

    /// `storeProcessed`: store each batch's offsets as soon as it is received (as a real handler would
    /// after processing it). Without it nothing is stored unless the test does it.
    init(_ consumer: KafkaConsumer, storeProcessed: Bool) {
        let received = received
        self.consumer = consumer
        loop = Task.detached {
            for await batch in consumer.batches {
                received.messages.withLock { $0.append(contentsOf: batch) }
                received.batchSizes.withLock { $0.append(batch.count) }
                let now = ContinuousClock.now
                received.arrivals.withLock { $0 = ($0?.first ?? now, now) }
                if storeProcessed { consumer.storeOffsets(batch) }
            }
        }
    }

    var messages: [KafkaMessage] { received.messages.withLock { $0 } }
    var count: Int { received.messages.withLock { $0.count } }
    var batchSizes: [Int] { received.batchSizes.withLock { $0 } }
    /// From the first batch to the latest one (excludes joining the group).
    var readingTime: Duration? { received.arrivals.withLock { $0.map { $0.last - $0.first } } }

    /// Waits until at least `count` messages arrived; returns whether they did within `timeout`.
    func waitFor(count: Int, timeout: Duration) async -> Bool {
        await eventually(timeout: timeout) { self.count >= count }
    }

    /// Ends the batch loop (the consumer cannot be read again afterwards) without leaving the group.
    func stopReading() async {
        consumer.stop()
        await loop.value
    }

    func stopAndClose() async {
        await stopReading()
        await consumer.close()
    }
}

/// Where a record is in the log: one key per stored message.
struct Position: Hashable, Comparable, CustomStringConvertible {
    var partition: Int32
    var offset: Int64
    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.partition, lhs.offset) < (rhs.partition, rhs.offset) }
    var description: String { "\(partition)@\(offset)" }
}

extension KafkaMessage {
    var position: Position { Position(partition: partition, offset: offset) }
    var valueString: String { String(decoding: value, as: UTF8.self) }
}

/// A Tansu broker of the test's own (memory only) on a free port, so it can be killed and restarted
/// without disturbing the shared broker.
final class PrivateBroker: @unchecked Sendable {
    let port: Int
    private let executable: URL
    private let lock = NSLock()
    private var process: Process?

    init() throws {
        port = LocalPort.free()
        // Tests/KafkaTests/TestSupport.swift -> package root -> .local/bin/tansu (made by scripts/setup.sh)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        executable = root.appendingPathComponent(".local/bin/tansu")
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "no Tansu binary at \(executable.path): run scripts/setup.sh")
    }

    var bootstrapServers: String { "127.0.0.1:\(port)" }

    func start() async throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "broker",
            "--listener-url", "tcp://127.0.0.1:\(port)",
            "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        lock.withLock { self.process = process }
        let up = await eventually(timeout: .seconds(10)) { LocalPort.isListening(self.port) }
        try #require(up, "private Tansu did not start listening on port \(port)")
    }

    /// Kills the broker (SIGKILL: a crash, nothing flushed) and waits for it to exit. Idempotent.
    func kill() {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }) else { return }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { kill() }
}
