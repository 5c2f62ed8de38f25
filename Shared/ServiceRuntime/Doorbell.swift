import Synchronization

/// Wakes one waiting loop early (e.g. the outbox relay after a commit), or lets it sleep until a
/// timeout. A ring with nobody waiting is remembered until the next wait.
public final class Doorbell: Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        var rung = false
    }

    private let state = Mutex(State())

    public init() {}

    public func ring() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns when rung, after `timeout`, or when the task is cancelled, whichever comes first.
    /// One waiter at a time.
    public func wait(upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Without the cancellation handler a cancelled waiter would never resume: its timer
                // is cancelled too and rings nobody.
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        let ringAlready = self.state.withLock { state in
                            if state.rung {
                                state.rung = false
                                return true
                            }
                            state.waiter = continuation
                            return false
                        }
                        if ringAlready { continuation.resume() }
                    }
                } onCancel: {
                    self.ring()
                }
            }
            group.addTask {
                // Waking the waiter is how the timeout ends the wait; a cancelled sleep does nothing.
                if (try? await Task.sleep(for: timeout)) != nil { self.ring() }
            }
            await group.next()
            group.cancelAll()
        }
        state.withLock { $0.rung = false }
    }
}
