import Foundation
import Kafka
import Logging
import ServiceRuntime

/// Where the broker and PostgreSQL are, read exactly as the services read them (scripts/env.sh sets
/// them), and the names that keep this run's schema, topics and groups apart from everyone else's.
struct BenchmarkEnvironment: Sendable {
    let configuration: ServiceConfiguration
    let runID: String
    let logger: Logger
    /// The build folder this executable runs from; the disbursement executable is expected beside it.
    let binaries: URL

    init() throws {
        // `ServiceConfiguration` parses the same variables with the same defaults as the service
        // started below, so both talk to the same broker and database.
        configuration = try ServiceConfiguration(serviceName: "benchmark", defaultHTTPPort: 0)
        runID = "mp" + UUID().uuidString.prefix(8).lowercased()
        var logger = Logger(label: "aid.benchmark")
        logger.logLevel = .warning
        self.logger = logger
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        binaries = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    var schema: String { "bench_\(runID)" }
    var topicPrefix: String { "bench-\(runID)." }
    var bankDirectory: URL { FileManager.default.temporaryDirectory.appending(path: "aid-bank-\(runID)") }
    var serviceLog: URL { FileManager.default.temporaryDirectory.appending(path: "aid-\(runID)-disbursement.log") }

    var kafka: KafkaConfiguration {
        var kafka = configuration.kafka
        kafka.clientID = "aid-benchmark"
        return kafka
    }

    /// A consumer of `topics` in a group no one else uses, with the suite's group timings.
    func consumerSettings(group: String, topics: [String]) -> KafkaConsumer.Settings {
        KafkaConsumer.Settings(
            groupID: topicPrefix + group, topics: topics,
            sessionTimeoutMilliseconds: configuration.sessionTimeoutMilliseconds,
            heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds)
    }

    /// The benchmark's own PostgreSQL pool; unqualified names resolve in the service's schema.
    func database() throws -> Database {
        try Database(
            url: configuration.postgresURL, schema: schema, maxConnections: 2,
            applicationName: "aid-benchmark", logger: logger)
    }
}
