import Foundation
import Testing

/// The Kafka security settings (`KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_CA_LOCATION`)
/// as the real executable takes them: they reach librdkafka, a wrong one stops the service naming
/// it, and TLS asked for is never traded for plain text. The local broker (Tansu) serves neither
/// TLS nor SCRAM, so a successful SASL_SSL session is not exercised here (docs/OPERATIONS.md).
@Suite("Kafka security settings reach librdkafka and fail closed", .serialized, .timeLimit(.minutes(4)))
struct KafkaSecuritySettingsTests {
    static func identification(_ world: SuiteWorld, _ settings: [String: String]) -> ServiceProcess {
        ServiceProcess("identification", schema: world.schema("identification"), topicPrefix: world.topicPrefix, extra: settings)
    }

    @Test("a CA file that does not exist, or SASL without credentials, stops the service at start naming the librdkafka property")
    func wrongSettingsRefused() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let missingCA = try await Self.identification(world, ["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CA_LOCATION": "/nonexistent/ca.pem"]).runUntilExit()
            #expect(missingCA.status != 0 && missingCA.output.contains("ssl.ca.location"), "\(missingCA.output.suffix(800))")
            let noCredentials = try await Self.identification(world, ["KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512"]).runUntilExit()
            #expect(noCredentials.status != 0 && noCredentials.output.contains("sasl.username"), "\(noCredentials.output.suffix(800))")
            for run in [missingCA, noCredentials] {
                #expect(!run.output.contains("Fatal error"), "refused, not crashed: \(run.output.suffix(800))")
            }
        }
    }

    @Test("TLS asked for against a broker that speaks only plain text: the service stops, never serving on a plain-text session")
    func tlsNeverFallsBackToPlainText() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let service = Self.identification(world, ["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CA_LOCATION": TestEnvironment.localCertificateAuthority])
            let run = try await service.runUntilExit(timeout: .seconds(90))
            #expect(run.status != 0, "\(run.output.suffix(800))")
            #expect(run.output.contains("Kafka"), "the reason names Kafka: \(run.output.suffix(800))")
            #expect(!run.output.contains("Fatal error"), "\(run.output.suffix(800))")
        }
    }
}
