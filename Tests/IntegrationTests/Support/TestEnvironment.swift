import Foundation
import Kafka
import Logging
import PostgresNIO
import Testing

/// Where the real PostgreSQL and broker are (scripts/env.sh sets them; scripts/test.sh starts both),
/// and names that keep each test's schemas, topics and groups apart.
enum TestEnvironment {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURL = environment["POSTGRES_URL"] ?? "postgres://aid:aid@127.0.0.1:54329/aid"
    static let kafkaBrokers = environment["KAFKA_BROKERS"] ?? "127.0.0.1:19092"
    /// The CA that signed the local PostgreSQL cluster's certificate (scripts/infra.sh makes both).
    static let localCertificateAuthority = environment["AID_PG_CA"] ?? root.appending(path: ".local/postgres-ca.crt").path
    static let logger: Logger = {
        var logger = Logger(label: "aid.tests")
        logger.logLevel = .error
        return logger
    }()

    /// The package root, from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binaries: URL = {
        if let path = environment["AID_BIN_DIR"] { return URL(fileURLWithPath: path) }
        return root.appending(path: ".build/debug")
    }()

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)\(UUID().uuidString.prefix(8).lowercased())"
    }

    static var kafka: KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: kafkaBrokers, clientID: "aid-tests")
    }

    /// Fails the test (loudly) when PostgreSQL or the broker is not there.
    static func requireInfrastructure() async throws {
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let brokerUp = await producer.isBrokerReachable(timeout: .seconds(5))
        await producer.close()
        try #require(brokerUp, "no Kafka-protocol broker at \(kafkaBrokers): run scripts/test.sh (it starts one) or source scripts/env.sh && scripts/infra.sh start")
        let rows = try await withPostgres { try await $0.query("SELECT 1", logger: logger).collect() }
        try #require(rows.count == 1, "PostgreSQL at \(postgresURL) did not answer")
    }

    /// Runs `body` with a connected client (for checks straight against a service's schema).
    static func withPostgres<Result: Sendable>(_ body: (PostgresClient) async throws -> Result) async throws -> Result {
        let url = try #require(URLComponents(string: postgresURL))
        let configuration = PostgresClient.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "aid",
            password: url.password, database: String(url.path.dropFirst()), tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// One integer from a query against the test's database.
    static func scalar(_ sql: String) async throws -> Int64 {
        try await withPostgres { client in
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            return try rows.first?.decode(Int64?.self) ?? 0
        }
    }
}
