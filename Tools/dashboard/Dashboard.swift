import AidContracts
import Foundation
import Hummingbird
import Kafka
import Logging
import ServiceLifecycle
import ServiceRuntime

/// The city's live figures, built only from the event topics (it reads no service's database).
/// Configuration is the suite's (`ServiceConfiguration`: brokers, topic prefix, timings, log level);
/// the port is `HTTP_PORT`, else 8090.
@main
enum Dashboard {
    static let name = "dashboard"
    static let defaultPort = 8090

    static func main() async {
        do {
            let configuration = try ServiceConfiguration(serviceName: name, defaultHTTPPort: defaultPort)
            try await run(configuration)
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ configuration: ServiceConfiguration) async throws {
        Observability.bootstrap(level: configuration.logLevel)
        var logger = Logger(label: "aid.\(name)")
        logger[metadataKey: LogKey.service] = "\(name)"
        try LibrdkafkaVersion.requireAtLeast(configuration.minimumLibrdkafka)
        let port = configuration.httpPort

        // The dashboard may start before the services: the topics it reads must exist to subscribe.
        // Where topics are provisioned (Kafka ACLs), it may not create them: as for the services, that
        // is logged, not fatal.
        let topics = Topic.allEventTopics.map { configuration.topicPrefix + $0.name }
        let admin = KafkaAdmin(configuration: configuration.kafka)
        do {
            try await admin.createTopics(topics.map {
                KafkaAdmin.TopicSpec(name: $0, partitions: configuration.topicPartitions, replicationFactor: configuration.topicReplicationFactor)
            })
        } catch {
            guard error.description.localizedCaseInsensitiveContains("authoriz") else { throw error }
            logger.warning("not allowed to create topics; expecting them to exist", metadata: [LogKey.error: "\(error)"])
        }
        let startWatermarks = try await admin.watermarks(topics: topics)
        // A group of its own per instance, read from the earliest offset: every instance sees every
        // event and rebuilds the figures from the topics when it starts.
        let consumer = try KafkaConsumer(
            configuration: configuration.kafka,
            settings: .init(
                groupID: "\(configuration.topicPrefix)\(name)-\(UUID().uuidString.lowercased())", topics: topics,
                sessionTimeoutMilliseconds: configuration.sessionTimeoutMilliseconds,
                heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds,
                startFromEarliest: true),
            logger: logger)

        let board = FigureBoard()
        let broadcaster = FigureBroadcaster(board: board)
        let router = Router(context: BasicRequestContext.self)
        DashboardRoutes(board: board, broadcaster: broadcaster, consumer: consumer).add(to: router)
        let http = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.httpHost, port: port), serverName: "aid-\(name)"),
            logger: logger)
        logger.info("starting", metadata: ["http.port": "\(port)", "topics": "\(topics.count)"])
        // Shutdown runs in reverse: the streams to browsers end, HTTP stops, the consumer leaves its group.
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: EventFeed(consumer: consumer, board: board, topicPrefix: configuration.topicPrefix, startWatermarks: startWatermarks, logger: logger)),
                .init(service: http),
                .init(service: broadcaster),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        logger.info("stopped")
    }
}
