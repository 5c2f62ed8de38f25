import Hummingbird
import Kafka
import NIOCore

/// `/health/live`, `/health/ready` (PostgreSQL and the broker both answer) and `/metrics`; all open.
struct HealthRoutes: Sendable {
    let database: Database
    let producer: KafkaProducer

    func add(to router: Router<AidRequestContext>) {
        router.get("health/live") { _, _ in ["status": "live"] }
        router.get("health/ready") { _, _ -> Response in
            async let postgres = database.isReachable()
            async let broker = producer.isBrokerReachable()
            let (postgresUp, brokerUp) = await (postgres, broker)
            let ready = postgresUp && brokerUp
            let body = "{\"status\":\"\(ready ? "ready" : "not-ready")\",\"postgres\":\(postgresUp),\"kafka\":\(brokerUp)}"
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: Observability.metricsText())))
        }
    }
}
