import Foundation
import HTTPTypes
import Hummingbird

/// W3C trace context carried through the suite: an HTTP request or a consumed event sets the
/// current `traceparent`, and every event published while handling it continues the same trace
/// (same trace id, a new span id), so one student's journey across services is one trace.
public enum TraceContext {
    @TaskLocal public static var traceparent: String?

    /// A child of `parent` (or of the current context), or a new trace when there is none.
    public static func child(of parent: String? = traceparent) -> String {
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

    private static func randomHex(bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}

/// Continues the caller's trace (`traceparent` header) or starts one, for everything the request does.
struct TraceMiddleware: RouterMiddleware {
    typealias Context = AidRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let incoming = request.headers[HTTPField.Name("traceparent")!].flatMap { TraceContext.traceID(of: $0) != nil ? $0 : nil }
        let current = TraceContext.child(of: incoming)
        var response = try await TraceContext.$traceparent.withValue(current) { try await next(request, context) }
        response.headers[HTTPField.Name("traceparent")!] = current
        return response
    }
}
