import AidContracts
import Kafka

/// Publishes events as another service would (CloudEvents in binary mode, keyed by partition key),
/// for tests that stand in for a producer or redeliver a record.
enum EventPublisher {
    struct Item {
        var id: String
        var event: any AidEvent
    }

    static func publish(_ items: [Item], to topic: String, source: String) async throws {
        try await send(try items.map { item in
            let envelope = try wrap(item.event, id: item.id, source: source)
            return OutgoingMessage(
                topic: topic, key: Array(item.event.partitionKey.utf8), value: envelope.data,
                headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })
        })
    }

    /// Sends records as they are, e.g. a copy of one already consumed, as a broker would redeliver it.
    static func send(_ messages: [OutgoingMessage]) async throws {
        let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
        try await producer.sendAll(messages)
        await producer.close()
    }

    private static func wrap<Event: AidEvent>(_ event: Event, id: String, source: String) throws -> CloudEventEnvelope {
        try CloudEventEnvelope.wrap(event, id: id, source: source)
    }
}
