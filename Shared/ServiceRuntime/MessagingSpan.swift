import AidContracts
import Kafka
import Tracing

/// Spans of Kafka records, named and attributed per the OpenTelemetry messaging semantic conventions
/// (`messaging.*`, and `cloudevents.*` for the envelope). Attributes are ids, names of topics and
/// groups, and positions only, never the payload or the subject's data: events carry opaque ids, and
/// a span must not become the place where a name or a resident ID number leaks.
enum MessagingSpan {
    /// The producer span of one outbox record as the relay sends it. Its parent is the span that
    /// caused the event (the HTTP request or consumed event whose `traceparent` the outbox row kept);
    /// its own context replaces that `traceparent` on the record, so the consumer's span is its child.
    static func send(_ message: inout OutgoingMessage) -> any Span {
        let headers = textHeaders(message.headers)
        let span = startSpan("send \(message.topic)", context: TraceContext.context(from: headers), ofKind: .producer)
        span.updateAttributes { attributes in
            attributes["messaging.system"] = "kafka"
            attributes["messaging.operation.type"] = "send"
            attributes["messaging.operation.name"] = "send"
            attributes["messaging.destination.name"] = message.topic
            attributes["messaging.message.body.size"] = message.value.count
            describe(headers: headers, key: message.key.map { String(decoding: $0, as: UTF8.self) }, into: &attributes)
        }
        let carried = TraceContext.headers(for: span.context)
        message.headers.removeAll { carried.keys.contains($0.name) }
        message.headers += carried.sorted { $0.key < $1.key }.map { KafkaHeader($0.key, $0.value) }
        return span
    }

    /// Ends a producer span with what the broker answered.
    static func finish(_ span: any Span, _ outcome: Result<DeliveryReport, KafkaError>) {
        switch outcome {
        case .success(let report):
            span.attributes["messaging.destination.partition.id"] = "\(report.partition)"
            span.attributes["messaging.kafka.offset"] = Int(report.offset)
        case .failure(let error):
            span.attributes["error.type"] = "\(type(of: error))"
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    /// The consumer span of one record a consumer group processes, child of the producer's span.
    static func process(_ message: KafkaMessage, group: String) -> any Span {
        let headers = textHeaders(message.headers)
        let span = startSpan("process \(message.topic)", context: TraceContext.context(from: headers), ofKind: .consumer)
        span.updateAttributes { attributes in
            attributes["messaging.system"] = "kafka"
            attributes["messaging.operation.type"] = "process"
            attributes["messaging.operation.name"] = "process"
            attributes["messaging.destination.name"] = message.topic
            attributes["messaging.consumer.group.name"] = group
            attributes["messaging.destination.partition.id"] = "\(message.partition)"
            attributes["messaging.kafka.offset"] = Int(message.offset)
            attributes["messaging.message.body.size"] = message.value.count
            describe(headers: headers, key: message.keyString, into: &attributes)
        }
        return span
    }

    /// Marks a span failed by the error's type (its message may quote data).
    static func fail(_ span: any Span, _ error: any Error) {
        span.attributes["error.type"] = "\(type(of: error))"
        span.setStatus(SpanStatus(code: .error))
    }

    private static func textHeaders(_ headers: [KafkaHeader]) -> [String: String] {
        var text: [String: String] = [:]
        for header in headers {
            if let value = header.value { text[header.name] = String(decoding: value, as: UTF8.self) }
        }
        return text
    }

    /// The key is the student's or school's opaque id (the partition key); the CloudEvents id, type and
    /// source are the suite's own identifiers. `ce_subject` is left out: it is free text of a producer.
    private static func describe(headers: [String: String], key: String?, into attributes: inout SpanAttributes) {
        attributes["messaging.kafka.message.key"] = key
        attributes["messaging.message.id"] = headers["ce_id"]
        attributes["cloudevents.event_id"] = headers["ce_id"]
        attributes["cloudevents.event_type"] = headers["ce_type"]
        attributes["cloudevents.event_source"] = headers["ce_source"]
    }
}
