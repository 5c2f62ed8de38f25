/// Measurement 2: `messages` records produced (acks=all, idempotent) and consumed by a fresh group.
struct BrokerFigures: Sendable {
    var messages: Int
    /// Average record size: value plus key plus header names and values.
    var averageBytes: Int
    /// First record handed to the producer → last delivery report.
    var producing: Duration
    /// First record handed to the producer → last record received by the consumer.
    var roundTrip: Duration

    var messagesPerSecond: Double { Double(messages) / roundTrip.seconds }
}
