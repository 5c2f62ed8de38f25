import Dispatch

/// Runs librdkafka's blocking calls (polls, flushes, commits, closes) on a private serial queue, off
/// Swift's cooperative thread pool. Private serial queues target an overcommitting root queue, so a
/// blocked call gets its own thread instead of starving the pool.
final class BlockingCallQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body` without waiting for it.
    func spawn(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }
}
