import Foundation
import Kafka
import Testing

@Suite("Watermarks and consumer-group lag", .timeLimit(.minutes(2)))
struct GroupLagTests {
    @Test("lag is the high watermark minus the committed offset, per partition; a group that never committed lags by everything")
    func lagFollowsCommittedOffsets() async throws {
        let configuration = try await SharedBroker.configuration()
        let admin = KafkaAdmin(configuration: configuration)
        let topic = uniqueName("lag")
        let group = uniqueName("lag-group")
        try await admin.createTopics([.init(name: topic, partitions: 3)])

        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("lag-producer"))
        // Many records per request, so batches hold several records: the high watermark must still be
        // the log's end (Tansu answers ListOffsets with the last batch's base offset + 1).
        func produce(_ count: Int, prefix: String) async throws {
            try await producer.sendAll((0..<count).map { OutgoingMessage(topic: topic, key: Array("\(prefix)-\($0)".utf8), value: Array("\($0)".utf8)) })
        }
        try await produce(30, prefix: "first")

        let marks = try await admin.watermarks(topics: [topic, uniqueName("absent")])
        #expect(marks.count == 3, "one entry per partition of the existing topic, none for the absent one")
        #expect(marks.reduce(0) { $0 + $1.count } == 30)

        let untouched = try await admin.groupLag(group: group, topics: [topic])
        #expect(untouched.allSatisfy { $0.committed == nil })
        #expect(untouched.reduce(0) { $0 + $1.lag } == 30)

        // The group reads and commits everything: no lag left on any partition.
        let consumer = try KafkaConsumer(configuration: configuration, settings: consumerSettings(group: group, topics: [topic]), logger: testLogger("lag-consumer"))
        let reader = BackgroundReader(consumer, storeProcessed: true)
        #expect(await reader.waitFor(count: 30, timeout: .seconds(30)))
        await reader.stopReading()
        try await consumer.commit()
        await consumer.close()
        let caughtUp = try await admin.groupLag(group: group, topics: [topic])
        #expect(caughtUp.count == 3)
        for partition in caughtUp {
            #expect(partition.lag == 0, "\(partition)")
            #expect(partition.committed == partition.watermarks.high, "\(partition)")
        }

        // New records the group has not read show up as lag, exactly.
        try await produce(9, prefix: "second")
        await producer.close()
        let behind = try await admin.groupLag(group: group, topics: [topic])
        #expect(behind.reduce(0) { $0 + $1.lag } == 9)
    }
}
