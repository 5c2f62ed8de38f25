import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics bootstrap (each may happen once per process); public for the
/// suite's tools that run without a `ServiceRunner` (the dashboard).
public enum Observability {
    private static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    public static func bootstrap(level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap({ label, metadataProvider in
            var handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
            handler.logLevel = level
            return handler
        }, metadataProvider: TraceContext.loggingMetadataProvider)
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    public static func metricsText() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
