import Foundation
import Kafka
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Synchronization
import Tracing

/// Publishes the outbox: takes unsent rows in id order (`FOR UPDATE SKIP LOCKED`), sends them with the
/// idempotent producer and marks a row sent only after its delivery report. Rows are chosen by
/// "not yet sent", not by a high-water mark, so a transaction that commits late (with a lower id)
/// is still published. One relay per schema works at a time (advisory lock) to keep per-key order.
public final class OutboxRelay: Service, Sendable {
    private let database: Database
    private let producer: KafkaProducer
    private let doorbell: Doorbell
    private let logger: Logger
    private let batchSize: Int
    private let topicPrefix: String
    private let idlePoll: Duration
    private let stopping = Atomic<Bool>(false)

    public init(database: Database, producer: KafkaProducer, doorbell: Doorbell, logger: Logger, topicPrefix: String = "", batchSize: Int = 1000, idlePoll: Duration = .milliseconds(250)) {
        self.database = database
        self.producer = producer
        self.doorbell = doorbell
        self.logger = logger
        self.batchSize = batchSize
        self.topicPrefix = topicPrefix
        self.idlePoll = idlePoll
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            // Cancelled (another service failed, so the group is going down without draining): stop.
            while !stopping.load(ordering: .acquiring) && !Task.isCancelled {
                let published = await publishOnceLogged()
                if published < batchSize { await doorbell.wait(upTo: idlePoll) }
            }
            // Drain what the stopping consumers and HTTP handlers committed last.
            for _ in 0..<20 where await publishOnceLogged() > 0 {}
            await producer.close()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .releasing)
            self.doorbell.ring()
        }
    }

    private func publishOnceLogged() async -> Int {
        do {
            return try await publishOnce()
        } catch {
            logger.warning("outbox relay round failed; will retry", metadata: [LogKey.error: "\(LoggableError.describe(error))"])
            try? await Task.sleep(for: .milliseconds(500))
            return 0
        }
    }

    /// Publishes up to one batch; returns how many rows were marked sent.
    public func publishOnce() async throws -> Int {
        let schema = database.schema
        let batchSize = self.batchSize
        let topicPrefix = self.topicPrefix
        return try await database.transaction { connection in
            let locked = try await connection.run("SELECT pg_try_advisory_xact_lock(hashtext(\(schema + ".outbox-relay")))")
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return 0 }
            var ids: [Int64] = []
            var messages: [OutgoingMessage] = []
            var spans: [any Span] = []
            let rows = try await connection.run("""
                SELECT id, topic, message_key, headers::text, payload FROM outbox
                WHERE sent_at IS NULL ORDER BY id LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
                """)
            for try await (id, topic, key, headersText, payload) in rows.decode((Int64, String, String?, String, ByteBuffer).self) {
                let pairs = try JSONDecoder().decode([[String]].self, from: Data(headersText.utf8))
                var message = OutgoingMessage(
                    topic: topicPrefix + topic, key: key.map { Array($0.utf8) }, value: Array(payload.readableBytesView),
                    headers: pairs.filter { $0.count == 2 }.map { KafkaHeader($0[0], $0[1]) })
                spans.append(MessagingSpan.send(&message))
                ids.append(id)
                messages.append(message)
            }
            if messages.isEmpty { return 0 }
            let outcomes: [Result<DeliveryReport, KafkaError>]
            do throws(KafkaError) {
                outcomes = try await producer.send(messages)
            } catch {
                for span in spans { MessagingSpan.finish(span, .failure(error)) }
                throw error
            }
            for (span, outcome) in zip(spans, outcomes) { MessagingSpan.finish(span, outcome) }
            var sent: [Int64] = []
            for (id, outcome) in zip(ids, outcomes) {
                switch outcome {
                case .success: sent.append(id)
                case .failure(let error):
                    logger.warning("outbox row not delivered; it stays pending", metadata: ["outbox.id": "\(id)", LogKey.error: "\(LoggableError.describe(error))"])
                }
            }
            if !sent.isEmpty {
                try await connection.run("UPDATE outbox SET sent_at = now() WHERE id = ANY(\(sent))")
            }
            Counter(label: RuntimeMetrics.outboxPublished, dimensions: [("schema", schema)]).increment(by: sent.count)
            return sent.count
        }
    }
}
