import Foundation
import Logging
import Tracing

/// W3C trace context as the suite carries it: in `traceparent` headers of HTTP requests and
/// responses and of every Kafka record. The current trace lives in the tracer's
/// `InstrumentationContext` (the span of the HTTP request or consumed event being handled); this
/// type reads it out as a header value and turns received headers back into a parent context, with
/// whichever tracer is installed (`Tracing.bootstrap`), so there is one source of truth.
public enum TraceContext {
    public static let header = "traceparent"

    /// The `traceparent` of the current span, as the tracer would write it on an outgoing record;
    /// nil outside any span.
    public static var traceparent: String? {
        InstrumentationContext.current.flatMap { headers(for: $0)[header] }
    }

    /// The headers (`traceparent`, and `tracestate` if the tracer keeps one) that carry `context`.
    public static func headers(for context: InstrumentationContext) -> [String: String] {
        var headers: [String: String] = [:]
        InstrumentationSystem.instrument.inject(context, into: &headers, using: DictionaryInjector())
        return headers
    }

    /// A parent context for a span continuing the trace that `headers` carry (top level when they carry none).
    public static func context(from headers: [String: String]) -> InstrumentationContext {
        var context = InstrumentationContext.topLevel
        InstrumentationSystem.instrument.extract(headers, into: &context, using: DictionaryExtractor())
        return context
    }

    /// `trace_id` and `span_id` of the current span on every log line written inside it (an HTTP
    /// request or a consumed event), so an operator can go from a log line to its trace and back,
    /// whichever tracer is installed. Nothing outside a span.
    public static let loggingMetadataProvider = Logger.MetadataProvider {
        guard let traceparent, let traceID = traceID(of: traceparent), let spanID = spanID(of: traceparent) else { return [:] }
        return [LogKey.traceID: "\(traceID)", LogKey.spanID: "\(spanID)"]
    }

    /// A child of `parent`, or a new trace when there is none: same trace id, a new span id.
    public static func child(of parent: String?) -> String {
        let traceID = parent.flatMap(traceID(of:)) ?? randomHex(bytes: 16)
        return "00-\(traceID)-\(randomHex(bytes: 8))-01"
    }

    /// The trace id of a well-formed `traceparent`, nil otherwise.
    public static func traceID(of traceparent: String) -> String? {
        let parts = traceparent.split(separator: "-")
        guard parts.count == 4, parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
              parts[1].allSatisfy(\.isHexDigit), parts[1] != String(repeating: "0", count: 32) else { return nil }
        return String(parts[1])
    }

    /// The span id (parent id) of a well-formed `traceparent`, nil otherwise.
    public static func spanID(of traceparent: String) -> String? {
        guard traceID(of: traceparent) != nil else { return nil }
        return String(traceparent.split(separator: "-")[2])
    }

    private static func randomHex(bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}

struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}
