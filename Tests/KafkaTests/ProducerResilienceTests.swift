import Foundation
import Kafka
import Testing

@Suite("Producer stall replacement and reachability", .timeLimit(.minutes(2)))
struct ProducerResilienceTests {
    /// What a send attempt came back with, per message, as the test saw it.
    private enum Seen: Equatable, CustomStringConvertible {
        case delivered
        case stalled
        case failed(String)

        var description: String {
            switch self {
            case .delivered: "delivered"
            case .stalled: "stalled"
            case .failed(let reason): "failed(\(reason))"
            }
        }
    }

    @Test("after a broker restart a stalled producer is replaced and sending recovers, with no double delivery")
    func recoversAfterBrokerRestart() async throws {
        let broker = try PrivateBroker()
        defer { broker.kill() }
        try await broker.start()

        let configuration = KafkaConfiguration(bootstrapServers: broker.bootstrapServers, clientID: uniqueName("stall"))
        let topic = uniqueName("stall")
        let admin = KafkaAdmin(configuration: configuration)
        try await admin.createTopics([.init(name: topic, partitions: 3)])
        let producer = try KafkaProducer(
            configuration: configuration, settings: .init(stallTimeout: .seconds(5)), logger: testLogger("stall"))

        // The test's own accounting: how often each message id was reported delivered.
        var deliveredCount: [String: Int] = [:]
        func message(_ id: String) -> OutgoingMessage {
            OutgoingMessage(topic: topic, key: Array(id.utf8), value: Array(id.utf8), headers: [KafkaHeader("id", id)])
        }
        func send(_ ids: [String]) async throws -> [Seen] {
            let outcomes = try await producer.send(ids.map(message))
            #expect(outcomes.count == ids.count, "one outcome per message")
            return zip(ids, outcomes).map { id, outcome in
                switch outcome {
                case .success(let report):
                    #expect(report.topic == topic)
                    deliveredCount[id, default: 0] += 1
                    return .delivered
                case .failure(.producerStalled(let pending, let seconds)):
                    #expect(pending >= 1)
                    #expect(seconds == 5)
                    return .stalled
                case .failure(let error):
                    return .failed("\(error)")
                }
            }
        }

        let before = (0..<20).map { "before-\($0)" }
        #expect(try await send(before) == Array(repeating: .delivered, count: before.count))
        #expect(producer.replacementCount == 0)
        #expect(await producer.isBrokerReachable())

        // Crash and restart the broker: its memory (topics, producer ids) is gone, so recreate the topic.
        broker.kill()
        try await broker.start()
        try await admin.createTopics([.init(name: topic, partitions: 3)])

        // Send until it works, re-sending what failed (as the outbox relay does), for at most ~30 s.
        let restartedAt = ContinuousClock.now
        let deadline = restartedAt + .seconds(30)
        var pending = (0..<5).map { "after-\($0)" }
        var attempts: [[Seen]] = []
        var recoveredAfter: Duration?
        var attemptLog: [String] = []
        while ContinuousClock.now < deadline {
            let attemptStart = ContinuousClock.now
            let seen = try await send(pending)
            attempts.append(seen)
            attemptLog.append("\(Set(seen.map(\.description)).sorted()) in \(ContinuousClock.now - attemptStart)")
            if seen.contains(.stalled) {
                #expect(producer.replacementCount >= 1, "a stalled batch must replace the producer")
            }
            pending = zip(pending, seen).filter { $0.1 != .delivered }.map(\.0)
            if pending.isEmpty {
                recoveredAfter = ContinuousClock.now - restartedAt
                break
            }
        }
        let firstAttempt = try #require(attempts.first)
        #expect(
            firstAttempt.allSatisfy { $0 == .delivered || $0 == .stalled },
            "the first send after the restart must succeed or report a stall, got \(firstAttempt)")
        if firstAttempt.contains(.stalled) {
            #expect(producer.replacementCount >= 1)
            #expect(attempts.count >= 2, "a send after the replacement must succeed")
        }
        #expect(recoveredAfter != nil, "no send succeeded within 30 s of the restart; attempts: \(attempts)")

        // Steady again: a fresh batch goes through in one attempt.
        let later = (0..<10).map { "later-\($0)" }
        #expect(try await send(later) == Array(repeating: .delivered, count: later.count))

        let overDelivered = deliveredCount.filter { $0.value > 1 }
        #expect(overDelivered.isEmpty, "reported delivered more than once: \(overDelivered)")
        let afterRestart = Set((0..<5).map { "after-\($0)" } + later)
        #expect(Set(deliveredCount.keys) == Set(before).union(afterRestart))
        let replacements = producer.replacementCount
        await producer.close()

        // What the restarted broker holds: every id reported delivered after the restart, at least once.
        let consumer = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: uniqueName("stall-group"), topics: [topic]),
            logger: testLogger("stall"))
        let reader = BackgroundReader(consumer, storeProcessed: true)
        let stored = await eventually(timeout: .seconds(30)) {
            afterRestart.isSubset(of: Set(reader.messages.map(\.valueString)))
        }
        try await Task.sleep(for: .milliseconds(300))
        await reader.stopAndClose()
        let copies = Dictionary(grouping: reader.messages.map(\.valueString), by: { $0 }).mapValues(\.count)
        #expect(stored, "missing on the broker: \(afterRestart.subtracting(copies.keys).sorted())")
        let duplicatesOnBroker = copies.filter { $0.value > 1 }
        print("""
            [KafkaTests] broker restart: \(attempts.count) attempt(s): \(attemptLog), \
            recovered after \(recoveredAfter.map { "\($0)" } ?? "never"), replacements \(replacements), \
            broker-side duplicates \(duplicatesOnBroker)
            """)
    }

    @Test("isBrokerReachable: true for the running broker, false for a closed port, false once closed")
    func reachability() async throws {
        let configuration = try await SharedBroker.configuration()
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("reachable"))
        #expect(await producer.isBrokerReachable())
        #expect(await producer.isBrokerReachable(timeout: .milliseconds(1500)))

        let nowhere = try KafkaProducer(
            // log_level 2: keep librdkafka from printing every refused connection to stderr.
            configuration: KafkaConfiguration(
                bootstrapServers: "127.0.0.1:1", clientID: uniqueName("nowhere"), properties: ["log_level": "2"]),
            logger: testLogger("nowhere"))
        let start = ContinuousClock.now
        #expect(await nowhere.isBrokerReachable(timeout: .seconds(2)) == false)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "the check must respect its timeout (took \(elapsed))")
        await nowhere.close(timeout: .seconds(1))

        await producer.close()
        #expect(await producer.isBrokerReachable() == false)
        await #expect(throws: KafkaError.closed) {
            _ = try await producer.send([OutgoingMessage(topic: "t", key: nil, value: [1])])
        }
        #expect(try await producer.send([]).isEmpty)
    }
}
