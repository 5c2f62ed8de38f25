import AidContracts
import Foundation
import Hummingbird
import Kafka
import Logging
import Metrics
import PostgresNIO
import Prometheus
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Starts a service the same way for all six: checks librdkafka, migrates its schema, creates its
/// topics, then runs one `ServiceGroup` of outbox relay, consumers, background services and HTTP.
/// Shutdown (SIGTERM/SIGINT, or `shutdown()`) runs in reverse: HTTP stops first, consumers leave
/// their groups, the relay drains the outbox and flushes the producer, the span exporter (when
/// configured) sends what is left, PostgreSQL closes last.
public final class ServiceRunner: Sendable {
    private let definition: ServiceDefinition
    private let configuration: ServiceConfiguration
    private let logger: Logger
    private let group = Mutex<ServiceGroup?>(nil)
    private let shutdownRequested = Atomic<Bool>(false)

    public init(definition: ServiceDefinition, configuration: ServiceConfiguration) {
        self.definition = definition
        self.configuration = configuration
        Observability.bootstrap(level: configuration.logLevel)
        var logger = Logger(label: "aid.\(definition.name)")
        logger[metadataKey: LogKey.service] = "\(definition.name)"
        self.logger = logger
    }

    /// Reads the configuration from the environment and runs until SIGTERM or SIGINT.
    public static func main(_ definition: ServiceDefinition) async {
        do {
            let configuration = try ServiceConfiguration(serviceName: definition.name, defaultHTTPPort: definition.defaultHTTPPort)
            try await ServiceRunner(definition: definition, configuration: configuration).run()
        } catch {
            FileHandle.standardError.write(Data("\(definition.name): \(LoggableError.describe(error))\n".utf8))
            exit(1)
        }
    }

    public func run() async throws {
        try LibrdkafkaVersion.requireAtLeast(configuration.minimumLibrdkafka)
        // Before anything else starts, so a tracing variable the exporter cannot use stops the start
        // (a migration run exports nothing).
        var tracing: (any Service)?
        if !configuration.migrateOnly {
            tracing = try TracingBootstrap.install(configuration.tracing, environment: configuration.environment, logger: logger)
        }
        logger.info("starting", metadata: ["librdkafka": "\(LibrdkafkaVersion.loaded)", "http.port": "\(configuration.httpPort)"])
        let database = try Database(
            url: configuration.postgresURL, schema: configuration.postgresSchema,
            maxConnections: configuration.postgresMaxConnections, applicationName: "aid-\(definition.name)", logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await database.client.run() }
            defer { tasks.cancelAll() }
            try await runServices(database: database, tracing: tracing)
        }
        logger.info("stopped")
    }

    /// Triggers the same graceful shutdown as SIGTERM.
    public func shutdown() async {
        shutdownRequested.store(true, ordering: .releasing)
        await group.withLock { $0 }?.triggerGracefulShutdown()
    }

    private func runServices(database: Database, tracing: (any Service)?) async throws {
        let vault = try definition.sealedColumns.isEmpty ? nil : PersonalDataVault(configuration: configuration)
        let reseal = try vault != nil && PersonalDataVault.resealRequested(configuration)
        try await Migrator(database: database, logger: logger, vault: vault).migrate(definition.migrations)
        if let vault, reseal {
            try await resealPersonalData(database: database, vault: vault)
            return
        }
        if configuration.migrateOnly {
            logger.info("MIGRATE_ONLY is set: schema is up to date, exiting")
            return
        }
        let topics = definition.publishes
        let handlersTopics = Set(definition.handlers(
            ServiceContext(configuration: configuration, database: database, doorbell: Doorbell(), logger: logger, vault: vault)).flatMap(\.topics))
        try await createTopics(Set(topics + Array(handlersTopics)).map(\.name))

        let doorbell = Doorbell()
        let context = ServiceContext(configuration: configuration, database: database, doorbell: doorbell, logger: logger, vault: vault)
        try await definition.prepare(context)
        let producer = try KafkaProducer(
            configuration: configuration.kafka,
            settings: .init(stallTimeout: configuration.producerStallTimeout), logger: logger)
        // The exporter first, so that it stops last: the spans of everything below are flushed.
        var services: [any Service] = tracing.map { [$0] } ?? []
        services.append(OutboxRelay(database: database, producer: producer, doorbell: doorbell, logger: logger, topicPrefix: configuration.topicPrefix))
        for handler in definition.handlers(context) {
            try await createTopics([Topic.deadLetter(group: handler.consumerGroup).name])
            let consumer = try KafkaConsumer(
                configuration: configuration.kafka,
                settings: .init(
                    groupID: configuration.topicPrefix + handler.consumerGroup,
                    topics: handler.topics.map { configuration.topicPrefix + $0.name },
                    sessionTimeoutMilliseconds: configuration.sessionTimeoutMilliseconds,
                    heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds),
                logger: logger)
            services.append(EventConsumerService(
                handler: handler, consumer: consumer, database: database, doorbell: doorbell,
                source: context.eventSource, maxRetries: configuration.maxEventRetries, logger: logger,
                groupID: configuration.topicPrefix + handler.consumerGroup))
        }
        services += definition.backgroundServices(context)
        services.append(try await httpApplication(context: context, producer: producer))

        let serviceGroup = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        group.withLock { $0 = serviceGroup }
        if shutdownRequested.load(ordering: .acquiring) { await serviceGroup.triggerGracefulShutdown() }
        try await serviceGroup.run()
    }

    /// RESEAL_PII: re-seals every declared column under PII_KEY in one transaction (all or nothing),
    /// under the migrator's advisory lock, then exits like MIGRATE_ONLY. Running it again changes nothing.
    private func resealPersonalData(database: Database, vault: PersonalDataVault) async throws {
        let report = try await database.transaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(database.schema)))")
            return try await PersonalDataResealer(vault: vault).reseal(definition.sealedColumns, on: connection)
        }
        logger.notice("RESEAL_PII is set: personal data is sealed under PII_KEY, exiting", metadata: [
            "pii.report": "\(report)", "pii.previous_key": "\(vault.isRotating ? "set" : "not set")",
        ])
    }

    /// Creates the topics that do not exist. Where the platform manages topics (e.g. Strimzi with
    /// Kafka ACLs) the service may not be allowed to create them: that is logged, not fatal.
    private func createTopics(_ names: [String]) async throws {
        let specs = names.map {
            KafkaAdmin.TopicSpec(name: configuration.topicPrefix + $0, partitions: configuration.topicPartitions, replicationFactor: configuration.topicReplicationFactor)
        }
        do {
            try await KafkaAdmin(configuration: configuration.kafka).createTopics(specs)
        } catch {
            guard error.description.localizedCaseInsensitiveContains("authoriz") else { throw error }
            logger.warning("not allowed to create topics; expecting them to exist", metadata: [LogKey.error: "\(error)"])
        }
    }

    private func httpApplication(context: ServiceContext, producer: KafkaProducer) async throws -> some Service {
        let authority = try await TokenAuthority(configuration: configuration)
        if configuration.authSigningKey == ServiceConfiguration.developmentSigningKey {
            let token = try await authority.sign(subject: "local-operator", role: .operator)
            logger.notice("development signing key in use; an operator token for local runs", metadata: ["token": "\(token)"])
        }
        let router = Router(context: AidRequestContext.self)
        // The span first, so the request's log lines carry its trace id.
        router.add(middleware: ServerSpanMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        HealthRoutes(database: context.database, producer: producer).add(to: router)
        let api = router.group("v1").add(middleware: BearerAuthenticator(authority: authority))
        definition.routes(api, context)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "aid-\(definition.name)"),
            logger: logger)
    }
}
