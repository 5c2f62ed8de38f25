import Kafka

/// Measurement 2, the broker's share: the same records as the money path (same bytes, same chunks
/// of 500, same producer settings) to a fresh topic with the services' partition count, read back
/// by a fresh consumer group. Producing and consuming overlap, as they do in the money path.
struct BrokerRoundTrip {
    let environment: BenchmarkEnvironment

    func measure(_ students: IdentifiedStudents) async throws -> BrokerFigures {
        let configuration = environment.configuration
        let topic = environment.topicPrefix + "benchmark.round-trip"
        try await KafkaAdmin(configuration: environment.kafka).createTopics([.init(
            name: topic, partitions: configuration.topicPartitions, replicationFactor: configuration.topicReplicationFactor)])
        let messages = try students.messages(topic: topic)
        let patience = Duration.seconds(60) + .milliseconds(10 * messages.count)

        let producer = try KafkaProducer(configuration: environment.kafka, logger: environment.logger)
        // One record ahead of the clock gives the producer its connections and producer id, as the
        // money path's warm-up does; the consumer reads it too, so it waits for one more.
        try await producer.sendAll([messages[0]])
        let expected = messages.count + 1
        let consumer = try KafkaConsumer(
            configuration: environment.kafka,
            settings: environment.consumerSettings(group: "round-trip", topics: [topic]),
            logger: environment.logger)
        let consuming = Task {
            var received = 0
            for await batch in consumer.batches {
                received += batch.count
                if received >= expected { break }
            }
            return (received, ContinuousClock.now)
        }
        // Ends the consuming loop if records go missing, so the run reports instead of hanging.
        let watchdog = Task {
            try await Task.sleep(for: patience)
            consumer.stop()
        }
        defer { watchdog.cancel() }
        // Partitions are assigned while the consuming task polls; the clock starts once they are.
        let joinDeadline = ContinuousClock.now + .seconds(60)
        while consumer.assignedPartitionCount == 0 {
            guard ContinuousClock.now < joinDeadline else {
                consumer.stop()
                throw BenchmarkError.timedOut(waitingFor: "partitions assigned to the round-trip consumer", reached: 0, expected: 1, log: nil)
            }
            try await Task.sleep(for: .milliseconds(20))
        }

        let start = ContinuousClock.now
        try await producer.sendInChunks(messages)
        let produced = ContinuousClock.now
        let (received, consumed) = await consuming.value
        await consumer.close()
        await producer.close()
        guard received >= expected else {
            throw BenchmarkError.timedOut(waitingFor: "records read back from \(topic)", reached: received, expected: expected, log: nil)
        }

        let bytes = messages.reduce(0) { total, message in
            total + message.value.count + (message.key?.count ?? 0)
                + message.headers.reduce(0) { $0 + $1.name.utf8.count + ($1.value?.count ?? 0) }
        }
        return BrokerFigures(
            messages: messages.count, averageBytes: bytes / messages.count,
            producing: produced - start, roundTrip: consumed - start)
    }
}
