import Foundation

/// A CloudEvents 1.0 event in Kafka binary mode: attributes travel as `ce_*` headers, the JSON data
/// is the record value, and W3C trace context rides along in `traceparent`.
public struct CloudEventEnvelope: Sendable, Equatable {
    public static let specVersion = "1.0"
    public static let contentType = "application/json"

    public var id: String
    public var source: String
    public var type: String
    public var time: Date
    public var subject: String?
    public var traceparent: String?
    public var data: [UInt8]

    public init(id: String, source: String, type: String, time: Date, subject: String?, traceparent: String?, data: [UInt8]) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.traceparent = traceparent
        self.data = data
    }

    /// Wraps an event: the data is its JSON, the subject its partition key.
    public static func wrap<Event: AidEvent>(
        _ event: Event, id: String = UUID().uuidString.lowercased(), source: String,
        time: Date = Date(), traceparent: String? = nil
    ) throws -> CloudEventEnvelope {
        CloudEventEnvelope(
            id: id, source: source, type: Event.eventType, time: time, subject: event.partitionKey,
            traceparent: traceparent, data: Array(try EventCoding.encoder.encode(event)))
    }

    /// The Kafka headers of binary mode, in a stable order.
    public var headers: [(name: String, value: String)] {
        var headers: [(String, String)] = [
            ("ce_specversion", Self.specVersion),
            ("ce_id", id),
            ("ce_source", source),
            ("ce_type", type),
            ("ce_time", EventCoding.formatTime(time)),
            ("content-type", Self.contentType),
        ]
        if let subject { headers.append(("ce_subject", subject)) }
        if let traceparent { headers.append(("traceparent", traceparent)) }
        return headers
    }

    /// Reads an envelope from Kafka headers and value; throws naming the missing or bad attribute.
    public init(headers: [String: String], data: [UInt8]) throws(EnvelopeError) {
        func required(_ name: String) throws(EnvelopeError) -> String {
            guard let value = headers[name], !value.isEmpty else { throw .missingHeader(name) }
            return value
        }
        let version = try required("ce_specversion")
        guard version == Self.specVersion else { throw .badHeader("ce_specversion", "must be 1.0, got '\(version)'") }
        let timeText = try required("ce_time")
        guard let time = EventCoding.parseTime(timeText) else { throw .badHeader("ce_time", "must be an RFC 3339 time, got '\(timeText)'") }
        if let contentType = headers["content-type"], !contentType.hasPrefix(Self.contentType) {
            throw .badHeader("content-type", "must be application/json, got '\(contentType)'")
        }
        self.init(
            id: try required("ce_id"), source: try required("ce_source"), type: try required("ce_type"),
            time: time, subject: headers["ce_subject"], traceparent: headers["traceparent"], data: data)
    }

    /// Decodes the data as `Event`, checking the type attribute first.
    public func decode<Event: AidEvent>(_ eventType: Event.Type) throws(EnvelopeError) -> Event {
        guard type == Event.eventType else { throw .badHeader("ce_type", "expected \(Event.eventType), got '\(type)'") }
        do {
            return try EventCoding.decoder.decode(Event.self, from: Data(data))
        } catch let error as DecodingError {
            throw .badData(EventCoding.describe(error))
        } catch {
            throw .badData("\(error)")
        }
    }
}

public enum EnvelopeError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingHeader(String)
    case badHeader(String, String)
    case badData(String)
    case unknownType(String)

    public var description: String {
        switch self {
        case .missingHeader(let name): "CloudEvents header '\(name)' is missing"
        case .badHeader(let name, let rule): "CloudEvents header '\(name)' \(rule)"
        case .badData(let reason): "event data is not valid: \(reason)"
        case .unknownType(let type): "event type '\(type)' is not one this consumer handles"
        }
    }
}

/// JSON coding shared by producers and consumers of events.
public enum EventCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder = JSONDecoder()

    public static func formatTime(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// RFC 3339 as CloudEvents requires: a zone (`Z` or an offset) is mandatory, fractions optional.
    /// Parsed for every event received: the styles are made once (a new `ISO8601DateFormatter`
    /// per event cost 7 % of the money path's CPU, Benchmarks/README.md).
    public static func parseTime(_ text: String) -> Date? {
        (try? timeWithFraction.parse(text)) ?? (try? timeWithoutFraction.parse(text))
    }

    private static let timeWithFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let timeWithoutFraction = Date.ISO8601FormatStyle()

    /// A decoding error as "field 'a.b': rule", for error messages and dead-letter reasons.
    public static func describe(_ error: DecodingError) -> String {
        let corrupted = if case .dataCorrupted = error { true } else { false }
        return switch (error.field.isEmpty, corrupted) {
        case (true, true): "not valid JSON: \(error.rule)"
        case (true, false): "the document \(error.rule)"
        case (false, true): "field '\(error.field)': \(error.rule)"
        case (false, false): "field '\(error.field)' \(error.rule)"
        }
    }
}
