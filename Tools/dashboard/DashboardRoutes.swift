import Hummingbird
import Kafka
import ServiceRuntime

/// The dashboard's HTTP surface, all open: it shows aggregates only, never personal data.
/// `/` the page, `/api/figures` the figures as JSON, `/events` the figures as Server-Sent Events,
/// and the suite's usual `/health/live`, `/health/ready` and `/metrics`.
struct DashboardRoutes: Sendable {
    let board: FigureBoard
    let broadcaster: FigureBroadcaster
    let consumer: KafkaConsumer

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        router.get("api/figures") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: board.snapshot().json)))
        }
        router.get("events") { _, _ in
            let (id, messages) = broadcaster.subscribe()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    defer { broadcaster.unsubscribe(id) }
                    for await message in messages { try await writer.write(message) }
                    try await writer.finish(nil)
                })
        }
        router.get("health/live") { _, _ in ["status": "live"] }
        router.get("health/ready") { _, _ -> Response in
            // Ready once it is in its group and has read what the topics held when it started.
            let caughtUp = board.isCaughtUp
            let partitions = consumer.assignedPartitionCount
            let ready = caughtUp && partitions > 0
            let body = "{\"status\":\"\(ready ? "ready" : "not-ready")\",\"caughtUp\":\(caughtUp),\"partitions\":\(partitions)}"
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: Observability.metricsText())))
        }
    }
}
