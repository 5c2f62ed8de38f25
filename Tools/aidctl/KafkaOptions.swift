import ArgumentParser
import Foundation
import Kafka
import Logging
import ServiceRuntime

/// Where the broker is and which deployment's topics to read (the suite's own variables, so SASL/TLS
/// settings and timings apply as they do for the services).
struct KafkaOptions: ParsableArguments {
    @Option(help: "Broker list (env KAFKA_BROKERS; default 127.0.0.1:19092).")
    var brokers: String?

    @Option(help: "Prefix of every topic and consumer group (env KAFKA_TOPIC_PREFIX; default none).")
    var topicPrefix: String?

    func configuration() throws -> ServiceConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let brokers { environment["KAFKA_BROKERS"] = brokers }
        if let topicPrefix { environment["KAFKA_TOPIC_PREFIX"] = topicPrefix }
        return try ServiceConfiguration(serviceName: "aidctl", defaultHTTPPort: 0, environment: environment)
    }

    /// Warnings only, on standard error: standard output belongs to the command's result.
    static let logger: Logger = {
        var logger = Logger(label: "aidctl") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }()
}
