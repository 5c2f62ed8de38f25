/// Errors from the Kafka wrapper. Each says what failed and, where there is one, what to do.
public enum KafkaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A librdkafka configuration property was rejected.
    case invalidConfiguration(property: String, reason: String)
    /// librdkafka could not create a client handle.
    case clientCreation(String)
    /// The loaded librdkafka is known not to work with the configured broker.
    case incompatibleLibrary(loaded: String, minimum: String)
    /// A message could not be enqueued or was not delivered.
    case delivery(topic: String, reason: String)
    /// No delivery report arrived in time: the producer is considered stalled and was replaced.
    case producerStalled(pending: Int, seconds: Double)
    /// An admin or consumer call failed.
    case operation(String, reason: String)
    /// The client was already closed.
    case closed

    public var description: String {
        switch self {
        case .invalidConfiguration(let property, let reason):
            return "Kafka configuration property '\(property)' was rejected: \(reason)"
        case .clientCreation(let reason):
            return "could not create a Kafka client: \(reason)"
        case .incompatibleLibrary(let loaded, let minimum):
            return """
                librdkafka \(loaded) is loaded, but versions below \(minimum) cannot talk to this broker \
                (librdkafka 2.0.x mis-parses the ApiVersions v3 reply: 'Local: Read underflow'). \
                Fix: run scripts/setup.sh, which puts a librdkafka \(minimum)+ runtime first on LD_LIBRARY_PATH \
                (source scripts/env.sh), or install librdkafka >= \(minimum).
                """
        case .delivery(let topic, let reason):
            return "message to topic '\(topic)' was not delivered: \(reason)"
        case .producerStalled(let pending, let seconds):
            return "producer made no progress for \(seconds) s with \(pending) message(s) pending; it was replaced and the messages must be sent again"
        case .operation(let operation, let reason):
            return "Kafka \(operation) failed: \(reason)"
        case .closed:
            return "the Kafka client is closed"
        }
    }
}
