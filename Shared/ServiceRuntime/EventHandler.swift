import AidContracts
import Kafka
import PostgresNIO

/// What a service does with the events of one consumer group. `handle` runs inside the transaction
/// that also records the event id in the inbox, so its effect happens once however often the event
/// is delivered; events it causes go into `outbox` and commit with it.
public protocol EventHandler: Sendable {
    var consumerGroup: String { get }
    var topics: [Topic] { get }
    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws
}

extension EventHandler {
    /// For an event the handler has no use for. A topic carries more event types than any one
    /// consumer needs (and gains new ones), so a known type of a subscribed topic is passed over;
    /// anything else is no event of these topics and is refused.
    public func passOver(_ event: ReceivedEvent) throws(EventRejected) {
        guard let type = EventCatalog.type(named: event.type), topics.contains(type.topic) else {
            throw EventRejected("event type '\(event.type)' is not an event of \(topics.map(\.name).joined(separator: ", "))")
        }
    }
}

/// An event as received: its CloudEvents envelope and where it came from.
public struct ReceivedEvent: Sendable {
    public let envelope: CloudEventEnvelope
    public let message: KafkaMessage

    public var id: String { envelope.id }
    public var type: String { envelope.type }

    /// Decodes the data as `Event`; bad data becomes an `EventRejected` naming the field.
    public func decode<Event: AidEvent>(_ type: Event.Type) throws(EventRejected) -> Event {
        do {
            return try envelope.decode(type)
        } catch {
            throw EventRejected(error.description)
        }
    }
}

/// The event itself is wrong (bad data, impossible state): retrying cannot help, so it goes
/// straight to the dead-letter topic with this reason.
public struct EventRejected: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
