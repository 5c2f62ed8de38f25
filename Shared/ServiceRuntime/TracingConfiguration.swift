import Foundation

/// Span export, from the standard OpenTelemetry variables. Spans are exported only when an OTLP
/// endpoint is given (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT`);
/// without one the service only propagates W3C trace context, as it always has, and runs no
/// exporter. swift-otel reads the rest of the `OTEL_*` family itself (sampler, batching, headers,
/// timeout...) and `TracingBootstrap` refuses a value it cannot parse; what is checked here is what
/// swift-otel would otherwise crash on (gRPC, not built in) or only fail on at the first export.
public struct TracingConfiguration: Sendable, Equatable {
    /// The OTLP/HTTP endpoint spans go to; nil when nothing is exported.
    public var endpoint: String?
    /// `service.name` of the spans: `OTEL_SERVICE_NAME`, else the service's own name.
    public var serviceName: String

    public var exports: Bool { endpoint != nil }

    /// Set for every service in k8s and compose (empty where nothing is exported), like
    /// `ServiceConfiguration.variableNames`.
    public static let variableNames = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_TRACES_SAMPLER"]

    /// Also read (by swift-otel, when exporting); a deployment may set them and need not.
    public static let optionalVariableNames = [
        "OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_PROPAGATORS", "OTEL_LOG_LEVEL",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
        "OTEL_EXPORTER_OTLP_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE",
        "OTEL_EXPORTER_OTLP_CLIENT_KEY", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY",
        "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE",
        "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
    ]

    public init(serviceName: String, environment: [String: String]) throws(ConfigurationError) {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        self.serviceName = value("OTEL_SERVICE_NAME") ?? serviceName

        let disabledText = value("OTEL_SDK_DISABLED")?.lowercased() ?? "false"
        guard ["true", "false"].contains(disabledText) else {
            throw .invalid("OTEL_SDK_DISABLED", "must be true or false, got '\(disabledText)'")
        }
        let exporter = value("OTEL_TRACES_EXPORTER") ?? "otlp"
        guard ["otlp", "none"].contains(exporter) else {
            throw .invalid("OTEL_TRACES_EXPORTER", "must be otlp or none (only the OTLP exporter is built in), got '\(exporter)'")
        }
        for name in ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"] {
            guard let text = value(name) else { continue }
            guard ["http/protobuf", "http/json"].contains(text) else {
                throw .invalid(name, "must be http/protobuf or http/json (the gRPC exporter is not built in), got '\(text)'")
            }
        }
        let endpointName = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != nil ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT"
        if let text = value(endpointName) {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty else {
                throw .invalid(endpointName, "must be an http:// or https:// URL of an OTLP/HTTP receiver, got '\(text)'")
            }
        }
        endpoint = disabledText == "true" || exporter == "none" ? nil : value(endpointName)
    }
}
