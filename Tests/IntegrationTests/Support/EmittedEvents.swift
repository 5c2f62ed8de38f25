import AidContracts
import Foundation
import TestSupport
import Testing

/// What tests check about the events a service emitted: decoding by type, and each one against the
/// published JSON Schema of its type.
enum EmittedEvents {
    /// The envelopes of `records` of one event type, decoded.
    static func decode<Event: AidEvent>(_ type: Event.Type, from records: [TopicReader.Record]) throws -> [Event] {
        try records.compactMap(\.envelope).filter { $0.type == Event.eventType }.map { try $0.decode(type) }
    }

    /// The schema validation errors of every envelope, as "type: error" lines; empty when all match.
    static func schemaFailures(_ records: [TopicReader.Record]) async throws -> [String] {
        let envelopes = records.compactMap(\.envelope)
        var cases: [SchemaValidator.Case] = []
        for envelope in envelopes {
            let type = try #require(EventCatalog.type(named: envelope.type), "unknown event type \(envelope.type)")
            cases.append(.init(schema: try #require(EventCatalog.schemaURL(for: type)), instance: envelope.data))
        }
        let results = try await SchemaValidator.validate(cases)
        return zip(envelopes, results).flatMap { envelope, errors in errors.map { "\(envelope.type): \($0)" } }
    }
}
