import Foundation

/// How long a left-behind child may wait for a volunteer before the bureau must see it.
public struct WaitingPolicy: Sendable, Equatable {
    public var maximumWait: Duration

    public init(maximumWait: Duration) {
        self.maximumWait = maximumWait
    }

    public func isOverdue(waitingSince: Date, now: Date) -> Bool {
        now.timeIntervalSince(waitingSince) >= Double(maximumWait.components.seconds)
    }

    /// Whole hours waited, rounded down, for people reading the list.
    public func hoursWaited(since: Date, now: Date) -> Int {
        max(0, Int(now.timeIntervalSince(since) / 3600))
    }
}
