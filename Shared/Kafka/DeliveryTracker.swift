import Synchronization

/// Matches librdkafka's delivery reports (served on the producer's poll thread) to the batches
/// awaiting them. Each message's opaque token encodes its batch and index.
final class DeliveryTracker: Sendable {
    typealias Outcome = Result<DeliveryReport, KafkaError>

    private struct Batch {
        var outcomes: [Outcome?]
        var remaining: Int
        var deadline: ContinuousClock.Instant
        var continuation: CheckedContinuation<[Outcome], Never>
    }

    private struct State {
        var nextBatchID: UInt = 1
        var batches: [UInt: Batch] = [:]
    }

    private static let indexBits = 24
    static let maximumBatchSize = 1 << indexBits

    private let state = Mutex(State())

    func register(count: Int, deadline: ContinuousClock.Instant, continuation: CheckedContinuation<[Outcome], Never>) -> UInt {
        precondition(count > 0 && count < Self.maximumBatchSize)
        return state.withLock { state in
            let id = state.nextBatchID
            state.nextBatchID += 1
            state.batches[id] = Batch(
                outcomes: Array(repeating: nil, count: count), remaining: count,
                deadline: deadline, continuation: continuation)
            return id
        }
    }

    static func token(batch: UInt, index: Int) -> UInt { (batch << indexBits) | UInt(index) }

    func complete(token: UInt, outcome: Outcome) {
        let batchID = token >> Self.indexBits
        let index = Int(token & UInt((1 << Self.indexBits) - 1))
        let finished: (CheckedContinuation<[Outcome], Never>, [Outcome])? = state.withLock { state in
            guard var batch = state.batches[batchID], batch.outcomes[index] == nil else { return nil }
            batch.outcomes[index] = outcome
            batch.remaining -= 1
            if batch.remaining == 0 {
                state.batches[batchID] = nil
                return (batch.continuation, batch.outcomes.map { $0! })
            }
            state.batches[batchID] = batch
            return nil
        }
        if let (continuation, outcomes) = finished { continuation.resume(returning: outcomes) }
    }

    /// Fails every batch whose deadline has passed; returns how many messages were still pending.
    func expire(now: ContinuousClock.Instant, error: (Int) -> KafkaError) -> Int {
        let expired = state.withLock { state in
            let overdue = state.batches.filter { $0.value.deadline <= now }
            for id in overdue.keys { state.batches[id] = nil }
            return Array(overdue.values)
        }
        let pending = expired.reduce(0) { $0 + $1.remaining }
        for batch in expired {
            let failure = error(pending)
            batch.continuation.resume(returning: batch.outcomes.map { $0 ?? .failure(failure) })
        }
        return pending
    }

    var isEmpty: Bool { state.withLock { $0.batches.isEmpty } }
}
