import AidContracts
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// What makes one service different from the others: its schema, the topics it publishes, the
/// events it consumes, and its HTTP routes. Everything else is the same for all six (`ServiceRunner`).
public struct ServiceDefinition: Sendable {
    public var name: String
    public var defaultHTTPPort: Int
    public var migrations: [Migration]
    /// Columns holding personal data sealed under `PII_KEY`. A service with any reads `PII_KEY` and
    /// `PII_PREVIOUS_KEY` (its `ServiceContext.vault`) and re-seals them when `RESEAL_PII` is set.
    public var sealedColumns: [SealedColumn]
    /// Topics this service publishes (created at start-up with the configured partition count).
    public var publishes: [Topic]
    /// Runs once after migrations, before anything consumes or serves (e.g. seed reference data).
    public var prepare: @Sendable (ServiceContext) async throws -> Void
    public var handlers: @Sendable (ServiceContext) -> [any EventHandler]
    public var routes: @Sendable (RouterGroup<AidRequestContext>, ServiceContext) -> Void
    /// Long-running parts of the service besides consumers and HTTP (e.g. a payment runner).
    public var backgroundServices: @Sendable (ServiceContext) -> [any ServiceLifecycleService]

    public init(
        name: String, defaultHTTPPort: Int, migrations: [Migration], sealedColumns: [SealedColumn] = [], publishes: [Topic],
        prepare: @escaping @Sendable (ServiceContext) async throws -> Void = { _ in },
        handlers: @escaping @Sendable (ServiceContext) -> [any EventHandler] = { _ in [] },
        routes: @escaping @Sendable (RouterGroup<AidRequestContext>, ServiceContext) -> Void = { _, _ in },
        backgroundServices: @escaping @Sendable (ServiceContext) -> [any ServiceLifecycleService] = { _ in [] }
    ) {
        self.name = name
        self.defaultHTTPPort = defaultHTTPPort
        self.migrations = migrations
        self.sealedColumns = sealedColumns
        self.publishes = publishes
        self.prepare = prepare
        self.handlers = handlers
        self.routes = routes
        self.backgroundServices = backgroundServices
    }
}

public typealias ServiceLifecycleService = ServiceLifecycle.Service

/// What a service's handlers and routes get to work with.
public struct ServiceContext: Sendable {
    public let configuration: ServiceConfiguration
    public let database: Database
    public let doorbell: Doorbell
    public let logger: Logger
    private let personalData: PersonalDataVault?

    public init(configuration: ServiceConfiguration, database: Database, doorbell: Doorbell, logger: Logger, vault: PersonalDataVault? = nil) {
        self.configuration = configuration
        self.database = database
        self.doorbell = doorbell
        self.logger = logger
        personalData = vault
    }

    /// Seals and opens personal data. Only a service that declares `sealedColumns` has one (and its
    /// manifests set PII_KEY): asking for it elsewhere is a programming error.
    public var vault: PersonalDataVault {
        guard let personalData else {
            preconditionFailure("\(configuration.serviceName) declares no sealedColumns, so it has no PII_KEY")
        }
        return personalData
    }

    /// The CloudEvents `source` of everything this service publishes.
    public var eventSource: String { "/aid/\(configuration.serviceName)" }

    /// An empty outbox batch for this service.
    public func outboxBatch(traceparent: String? = nil) -> OutboxBatch {
        OutboxBatch(source: eventSource, traceparent: traceparent)
    }

    /// Runs `body` in one transaction and writes the events it collected in the same transaction,
    /// then wakes the outbox relay.
    public func transaction<Result: Sendable>(
        _ body: (PostgresConnection, inout OutboxBatch) async throws -> Result
    ) async throws -> Result {
        let result = try await database.transaction { connection in
            var outbox = outboxBatch()
            let result = try await body(connection, &outbox)
            try await outbox.write(on: connection)
            return result
        }
        doorbell.ring()
        return result
    }
}
