import AidContracts
import Foundation
import Kafka

/// Reads a topic from the beginning with a throw-away consumer group, as a dashboard would.
enum TopicReader {
    struct Record: Sendable {
        var message: KafkaMessage
        var envelope: CloudEventEnvelope?
        var header: [String: String]
    }

    /// Collects records until `done` says so or `timeout` passes.
    static func read(
        _ topics: [String], from broker: KafkaConfiguration = TestEnvironment.kafka, timeout: Duration = .seconds(60),
        until done: @escaping @Sendable ([Record]) -> Bool
    ) async throws -> [Record] {
        let consumer = try KafkaConsumer(
            configuration: broker,
            settings: .init(groupID: TestEnvironment.uniqueName("reader-"), topics: topics, sessionTimeoutMilliseconds: 3000, heartbeatIntervalMilliseconds: 500),
            logger: TestEnvironment.logger)
        let records = try await withThrowingTaskGroup(of: [Record]?.self) { group in
            group.addTask {
                var records: [Record] = []
                for await batch in consumer.batches {
                    for message in batch {
                        var headers: [String: String] = [:]
                        for header in message.headers { headers[header.name] = header.value.map { String(decoding: $0, as: UTF8.self) } }
                        records.append(Record(message: message, envelope: try? CloudEventEnvelope(headers: headers, data: message.value), header: headers))
                    }
                    if done(records) { return records }
                }
                return records
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            consumer.stop()
            group.cancelAll()
            return first
        }
        await consumer.close()
        return records ?? []
    }
}
