import AidContracts
import Foundation
import ServiceRuntime
import Synchronization

/// The fold everyone reads: the event feed writes it, the routes and the broadcaster read it. Every
/// change bumps `version` and rings `changes`; the JSON of a version is encoded once and shared.
final class FigureBoard: Sendable {
    struct Snapshot: Sendable {
        var version: Int
        var json: [UInt8]
    }

    private struct State {
        var fold = CityFold()
        var version = 0
        var caughtUp = false
        var cached: Snapshot?
    }

    private let state = Mutex(State())
    /// Rung after every change.
    let changes = Doorbell()

    /// Applies `body` to the fold; a change (body returned true) makes a new version.
    func update(_ body: (inout CityFold) -> Bool) {
        let changed = state.withLock { state in
            guard body(&state.fold) else { return false }
            state.version += 1
            return true
        }
        if changed { changes.ring() }
    }

    /// Everything that was on the topics at start has been read.
    func markCaughtUp() {
        state.withLock { state in
            state.caughtUp = true
            state.version += 1
        }
        changes.ring()
    }

    var isCaughtUp: Bool { state.withLock { $0.caughtUp } }

    /// The figures of the current version as JSON.
    func snapshot() -> Snapshot {
        enum Lookup {
            case cached(Snapshot)
            case fresh(version: Int, figures: CityFigures)
        }
        // Figures are computed under the lock (a pass over the fold); encoding happens outside it.
        let lookup: Lookup = state.withLock { state in
            if let cached = state.cached, cached.version == state.version { return .cached(cached) }
            return .fresh(version: state.version, figures: state.fold.figures(caughtUp: state.caughtUp))
        }
        switch lookup {
        case .cached(let snapshot):
            return snapshot
        case .fresh(let version, let figures):
            let snapshot = Snapshot(version: version, json: Self.encode(figures))
            state.withLock { state in
                if (state.cached?.version ?? -1) < version { state.cached = snapshot }
            }
            return snapshot
        }
    }

    private static func encode(_ figures: CityFigures) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain values only (numbers, strings, arrays): encoding cannot fail.
        return Array(try! encoder.encode(figures))
    }
}
