import Foundation
import Kafka
import Testing

@Suite("Consumer groups and offsets", .timeLimit(.minutes(2)))
struct ConsumerGroupTests {
    /// Produces `count` messages with values "<prefix>-<i>" and keys spread over `keys` keys.
    private func produce(
        _ count: Int, prefix: String, to topic: String, keys: Int, configuration: KafkaConfiguration
    ) async throws -> [DeliveryReport] {
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("group-producer"))
        let messages = (0..<count).map { index in
            OutgoingMessage(topic: topic, key: Array("\(prefix)-key-\(index % keys)".utf8), value: Array("\(prefix)-\(index)".utf8))
        }
        let reports = try await producer.sendAll(messages)
        await producer.close()
        return reports
    }

    @Test("a new member resumes exactly after the stored offsets: nothing lost, unstored messages redelivered")
    func resumeFromStoredOffsets() async throws {
        let configuration = try await SharedBroker.configuration()
        let topic = uniqueName("offsets")
        let group = uniqueName("offsets-group")
        try await KafkaAdmin(configuration: configuration).createTopics([.init(name: topic, partitions: 3)])
        let total = 300
        let reports = try await produce(total, prefix: "m", to: topic, keys: 60, configuration: configuration)
        let all = Set(reports.map { Position(partition: $0.partition, offset: $0.offset) })
        try #require(all.count == total)

        // First member: read some messages, "process" only the first half of what each partition
        // handed out, store those offsets, commit, leave.
        let first = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: group, topics: [topic], maxBatchSize: 50),
            logger: testLogger("offsets-1"))
        let firstReader = BackgroundReader(first, storeProcessed: false)
        #expect(await firstReader.waitFor(count: total / 2, timeout: .seconds(30)))
        await firstReader.stopReading()
        let receivedFirst = firstReader.messages
        #expect(Set(receivedFirst.map(\.position)).count == receivedFirst.count)

        var processed: [KafkaMessage] = []
        var storedOffset: [Int32: Int64] = [:]
        for (partition, messages) in Dictionary(grouping: receivedFirst, by: \.partition) {
            let ordered = messages.sorted { $0.offset < $1.offset }
            // A fresh group starts at the beginning of every partition and reads it without gaps.
            #expect(ordered.map(\.offset) == Array(0..<Int64(ordered.count)), "partition \(partition) was not read from 0 without gaps")
            let done = Array(ordered.prefix(ordered.count / 2))
            processed += done
            storedOffset[partition] = (done.last?.offset).map { $0 + 1 }
        }
        try #require(!processed.isEmpty)
        try #require(processed.count < receivedFirst.count, "some received messages must stay unprocessed")
        first.storeOffsets(processed)
        try await first.commit()
        await first.close()
        await first.close() // closing twice is harmless

        // Second member of the same group: everything not processed, and nothing that was.
        let second = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: group, topics: [topic]),
            logger: testLogger("offsets-2"))
        let secondReader = BackgroundReader(second, storeProcessed: true)
        let expectedCount = total - processed.count
        #expect(await secondReader.waitFor(count: expectedCount, timeout: .seconds(30)))
        try await Task.sleep(for: .milliseconds(500))
        await secondReader.stopAndClose()
        let receivedSecond = secondReader.messages

        let processedPositions = Set(processed.map(\.position))
        let secondPositions = Set(receivedSecond.map(\.position))
        #expect(receivedSecond.count == expectedCount, "second member got \(receivedSecond.count), expected \(expectedCount)")
        #expect(secondPositions.count == receivedSecond.count, "no duplicates within the second member")
        #expect(processedPositions.isDisjoint(with: secondPositions), "processed (stored) messages must not be redelivered")
        #expect(processedPositions.union(secondPositions) == all, "no message may be lost")
        let unprocessed = Set(receivedFirst.map(\.position)).subtracting(processedPositions)
        #expect(unprocessed.isSubset(of: secondPositions), "received but unstored messages must be redelivered")
        // Each partition resumes exactly at its stored offset.
        for (partition, messages) in Dictionary(grouping: receivedSecond, by: \.partition) {
            let lowest = messages.map(\.offset).min()
            #expect(lowest == (storedOffset[partition] ?? 0), "partition \(partition) resumed at \(String(describing: lowest))")
        }
    }

    @Test("two members share the partitions; after one leaves, the other gets every partition")
    func membersShareAndTakeOver() async throws {
        let configuration = try await SharedBroker.configuration()
        let topic = uniqueName("sharing")
        let group = uniqueName("sharing-group")
        let partitions = 6
        try await KafkaAdmin(configuration: configuration).createTopics([.init(name: topic, partitions: partitions)])

        let memberA = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: group, topics: [topic]), logger: testLogger("member-a"))
        let memberB = try KafkaConsumer(
            configuration: configuration, settings: consumerSettings(group: group, topics: [topic]), logger: testLogger("member-b"))
        let readerA = BackgroundReader(memberA, storeProcessed: true)
        let readerB = BackgroundReader(memberB, storeProcessed: true)

        // Both polling: the group settles with the partitions split between the two.
        let split = await eventually(timeout: .seconds(30)) {
            memberA.assignedPartitionCount > 0 && memberB.assignedPartitionCount > 0
                && memberA.assignedPartitionCount + memberB.assignedPartitionCount == partitions
        }
        #expect(split, "assignment A=\(memberA.assignedPartitionCount) B=\(memberB.assignedPartitionCount)")

        let firstCount = 600
        let firstReports = try await produce(firstCount, prefix: "one", to: topic, keys: 120, configuration: configuration)
        #expect(Set(firstReports.map(\.partition)).count == partitions)
        let bothGotAll = await eventually(timeout: .seconds(30)) {
            Set(readerA.messages.map(\.position)).union(readerB.messages.map(\.position)).count >= firstCount
        }
        #expect(bothGotAll, "A got \(readerA.count), B got \(readerB.count) of \(firstCount)")
        let fromA = readerA.messages
        let fromB = readerB.messages
        #expect(!fromA.isEmpty && !fromB.isEmpty, "both members must get some messages (A \(fromA.count), B \(fromB.count))")
        #expect(Set(fromA.map(\.partition)).isDisjoint(with: fromB.map(\.partition)), "a partition belongs to one member at a time")
        #expect(fromA.count + fromB.count == firstCount, "no duplicates while the group is stable")

        // A leaves the group (its processed offsets are committed on close).
        await readerA.stopAndClose()
        let takeover = await eventually(timeout: .seconds(30)) { memberB.assignedPartitionCount == partitions }
        #expect(takeover, "B holds \(memberB.assignedPartitionCount) of \(partitions) partitions after A left")

        let bBefore = readerB.count
        let secondCount = 120
        let secondReports = try await produce(secondCount, prefix: "two", to: topic, keys: secondCount, configuration: configuration)
        let secondPartitions = Set(secondReports.map(\.partition))
        #expect(secondPartitions.count == partitions)
        let secondValues = Set((0..<secondCount).map { "two-\($0)" })
        let bGotSecond = await eventually(timeout: .seconds(30)) {
            secondValues.isSubset(of: readerB.messages.map(\.valueString))
        }
        try await Task.sleep(for: .milliseconds(500))
        await readerB.stopAndClose()
        let afterLeave = Array(readerB.messages.dropFirst(bBefore))
        let secondFromB = afterLeave.filter { $0.valueString.hasPrefix("two-") }
        #expect(bGotSecond, "B got \(secondFromB.count) of \(secondCount) messages produced after A left")
        #expect(Set(secondFromB.map(\.partition)) == secondPartitions, "B must read from every partition after A left")
        #expect(secondFromB.count == secondCount)
        // Offsets A and B processed were committed (A on close, B before its partitions were revoked),
        // so nothing from the first round comes back.
        let redelivered = afterLeave.count - secondFromB.count
        #expect(redelivered == 0, "\(redelivered) first-round messages were redelivered after the rebalance")
    }
}
