import Foundation
import Kafka
import Testing

@Suite("Produce and consume against the broker", .timeLimit(.minutes(2)))
struct ProduceConsumeTests {
    @Test("creating a topic twice is a no-op the second time")
    func createTopicTwice() async throws {
        let configuration = try await SharedBroker.configuration()
        let admin = KafkaAdmin(configuration: configuration)
        let topic = uniqueName("create-twice")
        try await admin.createTopics([.init(name: topic, partitions: 6)])
        try await admin.createTopics([.init(name: topic, partitions: 6)])
        // And a mix of an existing and a new topic is fine too.
        try await admin.createTopics([.init(name: topic, partitions: 6), .init(name: topic + "-b", partitions: 2)])
        try await admin.createTopics([])
    }

    @Test("1,000 keyed messages with headers go through a consumer group intact and in per-key order")
    func roundTrip() async throws {
        let configuration = try await SharedBroker.configuration()
        let topic = uniqueName("round-trip")
        let admin = KafkaAdmin(configuration: configuration)
        try await admin.createTopics([.init(name: topic, partitions: 6)])
        try await admin.createTopics([.init(name: topic, partitions: 6)])

        // 50 keys x 20 messages; header "seq" is the message's place within its key.
        let keyCount = 50
        let perKey = 20
        let total = keyCount * perKey
        let runID = UUID().uuidString
        var outgoing: [OutgoingMessage] = []
        for round in 0..<perKey {
            for key in 0..<keyCount {
                let keyText = "key-\(key)"
                let value = Array("{\"key\":\(key),\"seq\":\(round),\"body\":\"\(String(repeating: "x", count: key))\"}".utf8)
                outgoing.append(OutgoingMessage(
                    topic: topic, key: Array(keyText.utf8), value: value,
                    headers: [
                        KafkaHeader("seq", "\(round)"),
                        KafkaHeader("run", runID),
                        KafkaHeader(name: "binary", value: [0, 255, UInt8(key), 0]),
                        KafkaHeader(name: "null-value", value: nil),
                        KafkaHeader("seq", "duplicate-name-\(round)"),
                    ]))
            }
        }

        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("round-trip"))
        let produceStart = ContinuousClock.now
        // Four sequential sends of 250: order within a key holds across sends because each awaits its reports.
        var reports: [DeliveryReport] = []
        for chunk in stride(from: 0, to: total, by: 250) {
            let slice = Array(outgoing[chunk..<min(chunk + 250, total)])
            let outcomes = try await producer.send(slice)
            #expect(outcomes.count == slice.count)
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .success(let report): reports.append(report)
                case .failure(let error): Issue.record("message \(chunk + index) failed: \(error)")
                }
            }
        }
        let produceElapsed = ContinuousClock.now - produceStart
        await producer.close()
        try #require(reports.count == total, "every send outcome must be a success")
        #expect(reports.allSatisfy { $0.topic == topic && (0..<6).contains($0.partition) && $0.offset >= 0 })
        #expect(Set(reports.map { Position(partition: $0.partition, offset: $0.offset) }).count == total)
        #expect(Set(reports.map(\.partition)).count > 1, "50 keys should spread over several of the 6 partitions")
        let sentAt = Dictionary(uniqueKeysWithValues: zip(reports.map { Position(partition: $0.partition, offset: $0.offset) }, outgoing))

        let consumer = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: uniqueName("round-trip-group"), topics: [topic]),
            logger: testLogger("round-trip"))
        let consumeStart = ContinuousClock.now
        let reader = BackgroundReader(consumer, storeProcessed: true)
        let arrived = await reader.waitFor(count: total, timeout: .seconds(60))
        let consumeElapsed = ContinuousClock.now - consumeStart
        // Anything beyond 1,000 would be a duplicate; give it a moment to show up.
        try await Task.sleep(for: .milliseconds(500))
        await reader.stopAndClose()
        let received = reader.messages
        let batchSizes = reader.batchSizes
        #expect(arrived, "only \(received.count) of \(total) messages arrived")
        #expect(received.count == total, "received \(received.count) messages for \(total) sent")
        #expect(Set(received.map(\.position)).count == received.count, "no message is delivered twice")

        var sequencesByKey: [String: [Int]] = [:]
        for message in received {
            #expect(message.topic == topic)
            guard let sent = sentAt[message.position] else {
                Issue.record("message at \(message.position) was never reported delivered")
                continue
            }
            #expect(message.key == sent.key)
            #expect(message.value == sent.value)
            #expect(message.headers == sent.headers)
            #expect(message.header("run") == runID)
            #expect(message.header("seq") == message.headers.first?.value.map { String(decoding: $0, as: UTF8.self) })
            let key = try #require(message.keyString)
            sequencesByKey[key, default: []].append(Int(message.header("seq") ?? "") ?? -1)
        }
        #expect(sequencesByKey.count == keyCount)
        for (key, sequences) in sequencesByKey {
            #expect(sequences == Array(0..<perKey), "key \(key) arrived out of order: \(sequences)")
        }
        // Messages of one key share a partition.
        let partitionsPerKey = Dictionary(grouping: received, by: { $0.keyString ?? "" }).mapValues { Set($0.map(\.partition)).count }
        #expect(partitionsPerKey.values.allSatisfy { $0 == 1 })

        print("""
            [KafkaTests] produced \(total) messages in \(produceElapsed) \
            (\(Int(Double(total) / produceElapsed.seconds)) msg/s, 4 sends of 250); \
            consumed in \(consumeElapsed) including the group join \
            (\(Int(Double(total) / consumeElapsed.seconds)) msg/s); first to last batch \
            \(reader.readingTime.map { "\($0)" } ?? "-"), max batch \(batchSizes.max() ?? 0), \(batchSizes.count) batches
            """)
    }

    @Test("empty values, missing keys and empty header values survive the round trip")
    func edgeValues() async throws {
        let configuration = try await SharedBroker.configuration()
        let topic = uniqueName("edge-values")
        try await KafkaAdmin(configuration: configuration).createTopics([.init(name: topic, partitions: 1)])
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("edge"))
        let sent = [
            OutgoingMessage(topic: topic, key: nil, value: Array("no key".utf8)),
            OutgoingMessage(topic: topic, key: Array("k".utf8), value: []),
            OutgoingMessage(topic: topic, key: [], value: Array("empty key".utf8)),
            OutgoingMessage(
                topic: topic, key: Array("h".utf8), value: Array("headers".utf8),
                headers: [KafkaHeader(name: "empty", value: []), KafkaHeader(name: "null", value: nil), KafkaHeader("ünïcode", "välue ✓")]),
        ]
        try await producer.sendAll(sent)
        await producer.close()

        let consumer = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: uniqueName("edge-group"), topics: [topic]),
            logger: testLogger("edge"))
        let reader = BackgroundReader(consumer, storeProcessed: true)
        #expect(await reader.waitFor(count: sent.count, timeout: .seconds(30)))
        await reader.stopAndClose()
        let received = reader.messages.sorted { $0.offset < $1.offset }
        try #require(received.count == sent.count)
        #expect(received[0].key == nil)
        #expect(received[0].valueString == "no key")
        #expect(received[1].key == Array("k".utf8))
        #expect(received[1].value.isEmpty)
        #expect(received[2].valueString == "empty key")
        #expect(received[3].headers.count == 3)
        #expect(received[3].headers.first { $0.name == "empty" }?.value == [], "an empty header value must not turn into null")
        #expect(received[3].headers.first { $0.name == "null" }.map { $0.value == nil } == true, "a null header value stays null")
        #expect(received[3].header("ünïcode") == "välue ✓")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
