import Logging
import OTel
import ServiceLifecycle
import Synchronization
import Tracing

/// Installs the process's tracer, once. With an OTLP endpoint configured: swift-otel's tracer and its
/// OTLP/HTTP exporter (protobuf), whose service must run in the `ServiceGroup` (it batches spans in
/// the background and flushes them on graceful shutdown). Without one: `PropagatingTracer`, nothing
/// to run. Only traces: logs stay on stderr and metrics on `/metrics` (Prometheus).
public enum TracingBootstrap {
    private static let installed = Mutex(false)

    public enum Failure: Error, CustomStringConvertible {
        case rejected(variable: String, value: String, hint: String?)
        case exporter(String)

        public var description: String {
            switch self {
            case .rejected(let variable, let value, let hint):
                "environment variable \(variable) has a value swift-otel cannot use: '\(value)'" + (hint.map { " (\($0))" } ?? "")
            case .exporter(let reason): "the OTLP trace exporter could not be set up: \(reason)"
            }
        }
    }

    /// The exporter's service when spans are exported, nil otherwise. Throws `Failure` naming the
    /// variable when swift-otel cannot parse an `OTEL_*` value.
    public static func install(_ configuration: TracingConfiguration, environment: [String: String], logger: Logger) throws -> (any Service)? {
        let first = installed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return nil }
        guard configuration.exports else {
            InstrumentationSystem.bootstrap(PropagatingTracer())
            logger.info("no OTLP endpoint configured: trace context is propagated, no spans are exported")
            return nil
        }
        let diagnostics = OTelDiagnosticLog()
        var otel = OTel.Configuration.default
        otel.serviceName = configuration.serviceName
        otel.logs.enabled = false
        otel.metrics.enabled = false
        otel.diagnosticLogger = .custom(diagnostics.logger(forwardingTo: logger))
        let service: any Service
        do {
            service = try OTel.bootstrap(configuration: otel, environment: exporterEnvironment(environment))
        } catch {
            throw Failure.exporter("\(error)")
        }
        if let rejection = diagnostics.rejected.first {
            throw Failure.rejected(variable: rejection.variable, value: rejection.value, hint: rejection.hint)
        }
        logger.info("exporting spans over OTLP/HTTP", metadata: ["otel.endpoint": "\(configuration.endpoint ?? "")", "otel.service": "\(configuration.serviceName)"])
        return service
    }

    /// What swift-otel sees: empty values dropped (a manifest sets every variable, empty where unused,
    /// and swift-otel would warn about an empty sampler argument), and `OTEL_SDK_DISABLED` left out
    /// (`TracingConfiguration` already decided; swift-otel would re-enable its logs and metrics on `false`).
    static func exporterEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { $0.key.hasPrefix("OTEL_") && !$0.value.isEmpty && $0.key != "OTEL_SDK_DISABLED" }
    }
}
