import Foundation
import Kafka
import Logging

/// Settings every service reads from its environment, with defaults that work for a local run
/// (scripts/env.sh). The names are listed here so that manifests can be checked against them.
public struct ServiceConfiguration: Sendable {
    public var serviceName: String
    public var httpHost: String
    public var httpPort: Int
    public var postgresURL: String
    /// The PostgreSQL schema this service owns (one per service).
    public var postgresSchema: String
    public var postgresMaxConnections: Int
    public var kafka: KafkaConfiguration
    /// Prepended to every topic and consumer-group name: several cities (or test runs) can share one
    /// cluster without seeing each other's events. Empty by default.
    public var topicPrefix: String
    public var topicPartitions: Int
    public var topicReplicationFactor: Int
    public var sessionTimeoutMilliseconds: Int?
    public var heartbeatIntervalMilliseconds: Int?
    public var producerStallTimeout: Duration
    public var minimumLibrdkafka: LibrdkafkaVersion
    /// HMAC key that signs bearer tokens (HS256), at least `minimumSigningKeyBytes` long.
    public var authSigningKey: String
    /// The key in use before the last rotation: tokens it signed still verify, none is signed with it.
    public var authPreviousSigningKey: String?
    public var logLevel: Logger.Level
    /// Retries for an event that fails for a reason other than bad data, before it is dead-lettered.
    public var maxEventRetries: Int
    /// Apply migrations and exit (an init container or a migration Job).
    public var migrateOnly: Bool
    /// Span export (`OTEL_*`); nothing is exported unless an OTLP endpoint is set.
    public var tracing: TracingConfiguration
    public var environment: [String: String]

    /// `production` refuses the development keys at start; `development` (one machine, the default)
    /// accepts them.
    public var deployment: DeploymentEnvironment

    /// Every variable `init(environment:)` reads, for manifest checks and `--help` texts (and the tracing
    /// ones: `TracingConfiguration.variableNames`, `optionalVariableNames`).
    public static let variableNames = [
        "HTTP_HOST", "HTTP_PORT", "POSTGRES_URL", "POSTGRES_SCHEMA", "POSTGRES_MAX_CONNECTIONS",
        "KAFKA_BROKERS", "KAFKA_TOPIC_PREFIX", "KAFKA_TOPIC_PARTITIONS", "KAFKA_REPLICATION_FACTOR", "KAFKA_SESSION_TIMEOUT_MS",
        "KAFKA_HEARTBEAT_INTERVAL_MS", "KAFKA_PRODUCER_STALL_TIMEOUT_S", "KAFKA_MIN_LIBRDKAFKA_VERSION",
        "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
        "KAFKA_SSL_CA_LOCATION", "AUTH_SIGNING_KEY", "AUTH_PREVIOUS_SIGNING_KEY", "LOG_LEVEL", "EVENT_MAX_RETRIES", "MIGRATE_ONLY",
        "DEPLOYMENT_ENVIRONMENT",
    ]

    /// The development signing key: fine on one machine, refused where DEPLOYMENT_ENVIRONMENT=production.
    public static let developmentSigningKey = "local-development-signing-key-change-me"

    /// HS256 needs a key at least as long as its digest; JWTKit asserts on a shorter one (and a
    /// release build would silently accept a weak key), so a shorter key is refused at start.
    public static let minimumSigningKeyBytes = 32

    /// `key` if it is long enough to sign HS256 tokens, else an error naming `variable`.
    public static func validSigningKey(_ key: String, variable: String = "AUTH_SIGNING_KEY") throws(ConfigurationError) -> String {
        let length = key.utf8.count
        guard length >= minimumSigningKeyBytes else {
            throw .invalid(variable, "must be at least \(minimumSigningKeyBytes) bytes long (HS256), got \(length); generate one with `openssl rand -hex 32`")
        }
        return key
    }

    public init(serviceName: String, defaultHTTPPort: Int, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigurationError) {
        func value(_ name: String, _ fallback: String) -> String {
            environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        }
        func integer(_ name: String, _ fallback: Int) throws(ConfigurationError) -> Int {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let number = Int(text), number >= 0 else { throw .invalid(name, "must be a non-negative integer, got '\(text)'") }
            return number
        }
        func optionalInteger(_ name: String) throws(ConfigurationError) -> Int? {
            (environment[name] ?? "").isEmpty ? nil : try integer(name, 0)
        }

        self.serviceName = serviceName
        httpHost = value("HTTP_HOST", "127.0.0.1")
        httpPort = try integer("HTTP_PORT", defaultHTTPPort)
        postgresURL = value("POSTGRES_URL", "postgres://aid:aid@127.0.0.1:54329/aid")
        postgresSchema = value("POSTGRES_SCHEMA", serviceName)
        guard postgresSchema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw .invalid("POSTGRES_SCHEMA", "must be a lower-case SQL identifier, got '\(postgresSchema)'")
        }
        postgresMaxConnections = try integer("POSTGRES_MAX_CONNECTIONS", 10)
        var kafkaProperties: [String: String] = [:]
        let passThrough = [
            "KAFKA_SECURITY_PROTOCOL": "security.protocol", "KAFKA_SASL_MECHANISM": "sasl.mechanism",
            "KAFKA_SASL_USERNAME": "sasl.username", "KAFKA_SASL_PASSWORD": "sasl.password",
            "KAFKA_SSL_CA_LOCATION": "ssl.ca.location",
        ]
        for (variable, property) in passThrough {
            if let setting = environment[variable], !setting.isEmpty { kafkaProperties[property] = setting }
        }
        kafka = KafkaConfiguration(
            bootstrapServers: value("KAFKA_BROKERS", "127.0.0.1:19092"),
            clientID: "aid-\(serviceName)", properties: kafkaProperties)
        topicPrefix = value("KAFKA_TOPIC_PREFIX", "")
        topicPartitions = try integer("KAFKA_TOPIC_PARTITIONS", 6)
        topicReplicationFactor = try integer("KAFKA_REPLICATION_FACTOR", 1)
        sessionTimeoutMilliseconds = try optionalInteger("KAFKA_SESSION_TIMEOUT_MS")
        heartbeatIntervalMilliseconds = try optionalInteger("KAFKA_HEARTBEAT_INTERVAL_MS")
        producerStallTimeout = .seconds(try integer("KAFKA_PRODUCER_STALL_TIMEOUT_S", 30))
        let minimumText = value("KAFKA_MIN_LIBRDKAFKA_VERSION", LibrdkafkaVersion.minimumSupported.description)
        guard let minimum = LibrdkafkaVersion(minimumText) else {
            throw .invalid("KAFKA_MIN_LIBRDKAFKA_VERSION", "must look like 2.1.0, got '\(minimumText)'")
        }
        minimumLibrdkafka = minimum
        let deploymentText = value("DEPLOYMENT_ENVIRONMENT", DeploymentEnvironment.development.rawValue)
        guard let deployment = DeploymentEnvironment(rawValue: deploymentText) else {
            throw .invalid("DEPLOYMENT_ENVIRONMENT", "must be development or production, got '\(deploymentText)'")
        }
        self.deployment = deployment
        authSigningKey = try deployment.refusingDevelopmentKey(
            Self.validSigningKey(value("AUTH_SIGNING_KEY", Self.developmentSigningKey)),
            developmentKey: Self.developmentSigningKey, variable: "AUTH_SIGNING_KEY")
        if let previous = environment["AUTH_PREVIOUS_SIGNING_KEY"], !previous.isEmpty {
            authPreviousSigningKey = try deployment.refusingDevelopmentKey(
                Self.validSigningKey(previous, variable: "AUTH_PREVIOUS_SIGNING_KEY"),
                developmentKey: Self.developmentSigningKey, variable: "AUTH_PREVIOUS_SIGNING_KEY")
        } else {
            authPreviousSigningKey = nil
        }
        let levelText = value("LOG_LEVEL", "info")
        guard let level = Logger.Level(rawValue: levelText) else {
            throw .invalid("LOG_LEVEL", "must be one of trace, debug, info, notice, warning, error, critical; got '\(levelText)'")
        }
        logLevel = level
        maxEventRetries = try integer("EVENT_MAX_RETRIES", 5)
        migrateOnly = value("MIGRATE_ONLY", "false") == "true"
        tracing = try TracingConfiguration(serviceName: serviceName, environment: environment)
        self.environment = environment
    }

    /// A service-specific variable, with a default.
    public func setting(_ name: String, default fallback: String) -> String {
        environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }
}

/// Where the suite runs. The development keys are in this repository, so with them anyone could sign
/// an operator's token or open sealed personal data: a production deployment must set its own.
public enum DeploymentEnvironment: String, Sendable {
    case development
    case production

    /// `key`, unless this is production and `key` is the public development key.
    public func refusingDevelopmentKey(_ key: String, developmentKey: String, variable: String) throws(ConfigurationError) -> String {
        guard self == .production, key == developmentKey else { return key }
        throw .invalid(variable, "is unset or the development key, which is public; DEPLOYMENT_ENVIRONMENT=production needs a secret of its own (openssl rand -hex 32)")
    }
}

public enum ConfigurationError: Error, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let rule): "environment variable \(name) \(rule)"
        }
    }
}
