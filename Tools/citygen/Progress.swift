import Foundation
import Synchronization

/// Progress lines while loading: which step, how far, how long, and roughly how long is left. A
/// step reports at most every five seconds (and when it is complete), so logs stay readable.
final class Progress: Sendable {
    private struct Step {
        var name = ""
        var total = 0
        var started = ContinuousClock.now
        var lastReport = ContinuousClock.now
    }

    private let started = ContinuousClock.now
    private let step = Mutex(Step())

    func begin(_ name: String, total: Int) {
        step.withLock { $0 = Step(name: name, total: total) }
        say("\(name): \(Figures.count(total)) to go")
    }

    func update(_ done: Int) {
        let now = ContinuousClock.now
        let line: String? = step.withLock { step in
            guard done == step.total || now - step.lastReport >= .seconds(5) else { return nil }
            step.lastReport = now
            let elapsed = now - step.started
            var line = "\(step.name): \(Figures.count(done))/\(Figures.count(step.total)) (\(Figures.percent(done, of: step.total))) in \(Figures.seconds(elapsed))"
            if done > 0 && done < step.total {
                line += ", about \(Figures.seconds(elapsed * (Double(step.total - done) / Double(done)))) left"
            }
            return line
        }
        if let line { say(line) }
    }

    func finish(_ summary: String) {
        let (name, started) = step.withLock { ($0.name, $0.started) }
        say("\(name): done in \(Figures.seconds(ContinuousClock.now - started)); \(summary)")
    }

    func say(_ message: String) {
        let elapsed = Figures.seconds(ContinuousClock.now - started)
        print("==> [citygen \(elapsed.leftPadded(8))] \(message)")
        // Flushed at once: run.sh pipes the output, where it would otherwise sit in a buffer.
        fflush(nil)
    }
}
