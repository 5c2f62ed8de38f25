import ServiceRuntime
import Testing

/// When spans are exported, and which `OTEL_*` values are refused before swift-otel sees them.
@Suite("Tracing configuration")
struct TracingConfigurationTests {
    @Test("no endpoint, or an empty one: nothing is exported; the service name defaults to the executable's")
    func unconfigured() throws {
        for environment in [[:], ["OTEL_EXPORTER_OTLP_ENDPOINT": "", "OTEL_SERVICE_NAME": ""]] {
            let configuration = try TracingConfiguration(serviceName: "disbursement", environment: environment)
            #expect(!configuration.exports)
            #expect(configuration.serviceName == "disbursement")
        }
    }

    @Test("an endpoint turns export on; the traces endpoint wins over the shared one")
    func configured() throws {
        let shared = try TracingConfiguration(serviceName: "disbursement", environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SERVICE_NAME": "aid-disbursement",
        ])
        #expect(shared.endpoint == "http://collector:4318")
        #expect(shared.serviceName == "aid-disbursement")
        let specific = try TracingConfiguration(serviceName: "disbursement", environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://traces.example/v1/traces",
        ])
        #expect(specific.endpoint == "https://traces.example/v1/traces")
    }

    @Test("OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none switch export off despite an endpoint")
    func switchedOff() throws {
        for (name, value) in [("OTEL_SDK_DISABLED", "TRUE"), ("OTEL_TRACES_EXPORTER", "none")] {
            let configuration = try TracingConfiguration(serviceName: "charity", environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", name: value,
            ])
            #expect(!configuration.exports, "\(name)=\(value)")
        }
    }

    @Test("values swift-otel would crash on or fail with later are refused, naming the variable", arguments: [
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http"),
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4318"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"),
        ("OTEL_TRACES_EXPORTER", "console"),
        ("OTEL_SDK_DISABLED", "yes"),
    ])
    func refused(name: String, value: String) {
        var environment = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]
        environment[name] = value
        #expect {
            try TracingConfiguration(serviceName: "pairing", environment: environment)
        } throws: { error in
            "\(error)".contains(name) && "\(error)".contains(value)
        }
    }
}
