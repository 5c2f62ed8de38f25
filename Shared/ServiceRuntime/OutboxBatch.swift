import AidContracts
import Foundation
import PostgresNIO

/// Events to publish, collected while a transaction runs and written to the outbox in the same
/// transaction as the state change that caused them.
public struct OutboxBatch: Sendable {
    public struct Entry: Sendable {
        public var eventID: String
        public var topic: String
        public var key: String?
        public var headers: [[String]]
        public var payload: [UInt8]
    }

    public private(set) var entries: [Entry] = []
    let source: String
    /// The span that causes these events; the current span (HTTP request, consumed event) by default.
    let traceparent: String?

    public init(source: String, traceparent: String? = nil) {
        self.source = source
        self.traceparent = traceparent
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// Adds an event as a CloudEvent on its topic, keyed by its partition key. `eventID` defaults to a
    /// fresh UUID; pass a deterministic one when a retried command must not publish twice. The row keeps
    /// the `traceparent` of the span that caused the event: the relay publishes it under a producer
    /// span of that parent and puts the producer span's `traceparent` on the record.
    public mutating func append<Event: AidEvent>(_ event: Event, eventID: String = UUID().uuidString.lowercased(), time: Date = Date()) throws {
        let envelope = try CloudEventEnvelope.wrap(
            event, id: eventID, source: source, time: time, traceparent: traceparent ?? TraceContext.traceparent)
        entries.append(Entry(
            eventID: eventID, topic: Event.topic.name, key: event.partitionKey,
            headers: envelope.headers.map { [$0.name, $0.value] }, payload: envelope.data))
    }

    /// Adds a raw record (used for dead letters, which keep the original bytes and headers).
    public mutating func appendRaw(eventID: String, topic: String, key: String?, headers: [(String, String)], payload: [UInt8]) {
        entries.append(Entry(eventID: eventID, topic: topic, key: key, headers: headers.map { [$0.0, $0.1] }, payload: payload))
    }

    /// Inserts every entry with one statement. An entry whose event id is already in the outbox is
    /// skipped, so re-running the same command cannot publish the same event twice.
    public func write(on connection: PostgresConnection) async throws {
        if entries.isEmpty { return }
        let encoder = JSONEncoder()
        let headers = try entries.map { String(decoding: try encoder.encode($0.headers), as: UTF8.self) }
        try await connection.run("""
            INSERT INTO outbox (event_id, topic, message_key, headers, payload)
            SELECT e, t, NULLIF(k, ''), h::jsonb, decode(p, 'base64')
            FROM unnest(\(entries.map(\.eventID))::text[], \(entries.map(\.topic))::text[],
                        \(entries.map { $0.key ?? "" })::text[], \(headers)::text[],
                        \(entries.map { Data($0.payload).base64EncodedString() })::text[]) AS u(e, t, k, h, p)
            ON CONFLICT (event_id) DO NOTHING
            """)
    }
}
