import Foundation
import TestSupport

/// A real OTLP/HTTP trace receiver in its own process (Tests/Tools/otlp_receiver.py, decoding with the
/// opentelemetry-proto package): the services export to it exactly as they would to a collector.
final class OTLPReceiver: @unchecked Sendable {
    struct Span: Decodable, Sendable {
        var service: String
        var traceId: String
        var spanId: String
        var parentSpanId: String
        var name: String
        /// OTLP's SpanKind: 2 server, 4 producer, 5 consumer.
        var kind: Int
        var attributes: [String: String]
        var status: Int

        static let server = 2, producer = 4, consumer = 5
    }

    let port: Int
    private let process: Process
    private let output: URL

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts the receiver on `port` (0: any free port) and waits until it listens.
    init(port: Int = 0) throws {
        output = FileManager.default.temporaryDirectory.appending(path: "otlp-\(UUID().uuidString).jsonl")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let interpreter = SchemaValidator.defaultInterpreter
        process = Process()
        process.executableURL = interpreter.executable
        process.arguments = interpreter.leadingArguments + [
            TestEnvironment.root.appending(path: "Tests/Tools/otlp_receiver.py").path, "--port", "\(port)", "--out", output.path,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        // The first line is "listening PORT" (or nothing, if it could not start).
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let chosen = String(decoding: line, as: UTF8.self).split(separator: " ").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw ReceiverError.didNotStart(port)
        }
        self.port = chosen
    }

    /// Every span received so far.
    var spans: [Span] {
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Span.self, from: Data($0.utf8)) }
    }

    /// Polls until `condition` holds on the received spans (or `timeout` passes); returns the spans.
    func spans(timeout: Duration = .seconds(60), until condition: ([Span]) -> Bool) async throws -> [Span] {
        _ = try await SuiteWorld.eventually(timeout: timeout) { condition(spans) }
        return spans
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: output)
    }

    deinit { stop() }

    enum ReceiverError: Error, CustomStringConvertible {
        case didNotStart(Int)

        var description: String {
            switch self {
            case .didNotStart(let port):
                "the OTLP receiver did not start on port \(port): is opentelemetry-proto installed (scripts/setup.sh)? is the port free?"
            }
        }
    }
}
