import Logging
import Synchronization

/// swift-otel's diagnostic logger. swift-otel only warns about an `OTEL_*` value it cannot parse and
/// carries on with its default, so a service would run with settings nobody chose (a typo in the
/// sampler's name silently samples everything). Those warnings name the variable; they are kept
/// here and turned into a start-up error by `TracingBootstrap`. Everything goes to the log as well.
final class OTelDiagnosticLog: Sendable {
    struct Rejection: Sendable, Equatable {
        var variable: String
        var value: String
        var hint: String?
    }

    private let rejections = Mutex<[Rejection]>([])

    var rejected: [Rejection] { rejections.withLock { $0 } }

    func logger(forwardingTo forward: Logger) -> Logger {
        Logger(label: "swift-otel") { _ in Handler(forward: forward, log: self) }
    }

    fileprivate func record(_ rejection: Rejection) {
        rejections.withLock { $0.append(rejection) }
    }

    private struct Handler: LogHandler {
        let forward: Logger
        let log: OTelDiagnosticLog
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?

        /// Always the lowest level: swift-otel sets its own level from `OTEL_LOG_LEVEL`, which must not
        /// hide a rejected variable; `forward` applies the service's level to what is printed.
        var logLevel: Logger.Level {
            get { .trace }
            set {}
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            // swift-otel's "Failed to update configuration from environment" carries these keys.
            if event.level >= .warning, let variable = merged["environment_key"] {
                log.record(Rejection(
                    variable: "\(variable)", value: merged["environment_value"].map { "\($0)" } ?? "",
                    hint: merged["hint"].map { "\($0)" }))
            }
            forward.log(level: event.level, event.message, metadata: merged, source: event.source,
                        file: event.file, function: event.function, line: event.line)
        }
    }
}
