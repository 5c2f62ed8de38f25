import Tracing

/// The tracer when no OTLP endpoint is configured. It records nothing and runs no background work,
/// but keeps W3C trace context flowing as the suite always has: a span continues its parent's trace
/// with a new span id, and `traceparent` is read from and written to HTTP and Kafka headers. So a
/// trace id still follows a student's journey across services and topics without a collector.
struct PropagatingTracer: Tracer {
    typealias Span = PropagatingSpan

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> PropagatingSpan {
        var context = context()
        context.propagatedTraceparent = TraceContext.child(of: context.propagatedTraceparent)
        return PropagatingSpan(context: context, operationName: operationName)
    }

    func forceFlush() {}

    func inject<Carrier, Inject>(_ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject)
    where Inject: Injector, Carrier == Inject.Carrier {
        if let traceparent = context.propagatedTraceparent {
            injector.inject(traceparent, forKey: TraceContext.header, into: &carrier)
        }
    }

    func extract<Carrier, Extract>(_ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract)
    where Extract: Extractor, Carrier == Extract.Carrier {
        // A malformed value is ignored: the span then starts a new trace, as a missing one would.
        if let traceparent = extractor.extract(key: TraceContext.header, from: carrier), TraceContext.traceID(of: traceparent) != nil {
            context.propagatedTraceparent = traceparent
        }
    }
}

/// A span that is never recorded: it only carries its `traceparent`.
struct PropagatingSpan: Tracing.Span {
    let context: InstrumentationContext
    let name: String

    init(context: InstrumentationContext, operationName: String) {
        self.context = context
        self.name = operationName
    }

    var operationName: String {
        get { name }
        nonmutating set {}
    }

    var attributes: SpanAttributes {
        get { [:] }
        nonmutating set {}
    }

    var isRecording: Bool { false }

    func setStatus(_ status: SpanStatus) {}
    func addEvent(_ event: SpanEvent) {}
    func addLink(_ link: SpanLink) {}
    func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {}
    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {}
}

private enum PropagatedTraceparentKey: InstrumentationContextKey {
    typealias Value = String
    static let nameOverride: String? = "aid-traceparent"
}

extension InstrumentationContext {
    /// The `traceparent` of a `PropagatingSpan` (only that tracer reads or writes it).
    fileprivate var propagatedTraceparent: String? {
        get { self[PropagatedTraceparentKey.self] }
        set { self[PropagatedTraceparentKey.self] = newValue }
    }
}
