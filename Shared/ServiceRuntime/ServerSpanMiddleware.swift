import HTTPTypes
import Hummingbird
import Tracing

/// A server span per HTTP request, continuing the caller's `traceparent` or starting a trace, and the
/// span's own `traceparent` on the response so a caller can find its trace. Unlike Hummingbird's
/// `TracingMiddleware` it records the route template (`/v1/students/{id}`), never the raw path or
/// query: those are caller-typed text and could carry a name or a resident ID number. Errors are
/// recorded by type only, for the same reason (a validation message may quote the rejected value).
/// `/health/*` and `/metrics` get no span.
struct ServerSpanMiddleware: RouterMiddleware {
    typealias Context = AidRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Probes and scrapes (every few seconds per pod) would each be a trace of their own.
        if request.uri.path.hasPrefix("/health/") || request.uri.path == "/metrics" {
            return try await next(request, context)
        }
        var headers: [String: String] = [:]
        if let traceparent = request.headers[.traceparent] { headers[TraceContext.header] = traceparent }
        if let tracestate = request.headers[.tracestate] { headers["tracestate"] = tracestate }
        let span = startSpan(request.method.rawValue, context: TraceContext.context(from: headers), ofKind: .server)
        defer { span.end() }
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["url.scheme"] = "http"
        do {
            var response = try await InstrumentationContext.$current.withValue(span.context) {
                try await next(request, context)
            }
            finish(span, status: response.status, context: context, error: nil)
            if let traceparent = TraceContext.headers(for: span.context)[TraceContext.header] {
                response.headers[.traceparent] = traceparent
            }
            return response
        } catch {
            finish(span, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, context: context, error: error)
            throw error
        }
    }

    private func finish(_ span: any Span, status: HTTPResponse.Status, context: Context, error: (any Error)?) {
        if let route = context.endpointPath {
            span.operationName = "\(span.operationName) \(route)"
            span.attributes["http.route"] = route
        }
        span.attributes["http.response.status_code"] = status.code
        if status.code >= 500 {
            span.attributes["error.type"] = error.map { "\(type(of: $0))" } ?? "\(status.code)"
            span.setStatus(SpanStatus(code: .error))
        }
    }
}
