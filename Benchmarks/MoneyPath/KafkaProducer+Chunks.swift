import Kafka

extension KafkaProducer {
    /// How a service-like publisher sends a large stream: 500 records at a time, each chunk awaiting
    /// its delivery reports (acks=all) before the next is handed to librdkafka.
    static let chunkSize = 500

    func sendInChunks(_ messages: [OutgoingMessage]) async throws {
        for start in stride(from: 0, to: messages.count, by: Self.chunkSize) {
            try await sendAll(Array(messages[start..<min(start + Self.chunkSize, messages.count)]))
        }
    }
}
