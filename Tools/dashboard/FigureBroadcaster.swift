import Metrics
import Hummingbird
import ServiceLifecycle
import Synchronization

/// Pushes the figures to every `/events` client as Server-Sent Events: once on connect, then after
/// each change, at most once per `interval` however fast events arrive, and a comment line when
/// nothing changed for `keepAlive` (so proxies keep the connection and dead clients are noticed).
/// On graceful shutdown it ends every stream first, so the HTTP server stopping after it is not
/// held open by browsers.
final class FigureBroadcaster: Service, Sendable {
    private struct State {
        var clients: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
        var nextID = 0
        var stopped = false
    }

    private let board: FigureBoard
    private let interval: Duration
    private let keepAlive: Duration
    private let state = Mutex(State())
    private let gauge = Gauge(label: DashboardMetrics.streamClients)

    init(board: FigureBoard, interval: Duration = .milliseconds(250), keepAlive: Duration = .seconds(15)) {
        self.board = board
        self.interval = interval
        self.keepAlive = keepAlive
    }

    /// A stream of SSE messages for one client, starting with the current figures; it ends on
    /// shutdown. Call `unsubscribe` with the id when the client goes away.
    func subscribe() -> (id: Int, messages: AsyncStream<ByteBuffer>) {
        // A slow client gets the newest figures, not a backlog of old ones.
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(4))
        continuation.yield(ByteBuffer(string: "retry: 2000\n\n"))
        continuation.yield(Self.message(board.snapshot().json))
        let (id, count): (Int?, Int) = state.withLock { state in
            guard !state.stopped else { return (nil, state.clients.count) }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = continuation
            return (id, state.clients.count)
        }
        guard let id else {
            continuation.finish()
            return (-1, stream)
        }
        gauge.record(count)
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        let count = state.withLock { state in
            state.clients[id]?.finish()
            state.clients[id] = nil
            return state.clients.count
        }
        gauge.record(count)
    }

    func run() async {
        await withGracefulShutdownHandler {
            var sentVersion = board.snapshot().version
            while !isStopped {
                await board.changes.wait(upTo: keepAlive)
                if isStopped { break }
                let snapshot = board.snapshot()
                if snapshot.version != sentVersion {
                    sentVersion = snapshot.version
                    send(Self.message(snapshot.json))
                    Counter(label: DashboardMetrics.pushes).increment()
                    try? await Task.sleep(for: interval)
                } else {
                    send(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
        } onGracefulShutdown: {
            let clients = self.state.withLock { state in
                state.stopped = true
                defer { state.clients = [:] }
                return Array(state.clients.values)
            }
            for client in clients { client.finish() }
            self.gauge.record(0)
            self.board.changes.ring()
        }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func send(_ message: ByteBuffer) {
        for client in state.withLock({ Array($0.clients.values) }) { client.yield(message) }
    }

    private static func message(_ json: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer(string: "event: figures\ndata: ")
        buffer.writeBytes(json)
        buffer.writeString("\n\n")
        return buffer
    }
}
