import Foundation
import Testing
import TestSupport

/// One suite executable, really started as a process, with its own schema, topic prefix and port.
final class ServiceProcess: @unchecked Sendable {
    let name: String
    let port: Int
    let environment: [String: String]
    private var process: Process?
    private let logFile: URL

    init(_ name: String, schema: String, topicPrefix: String, extra: [String: String] = [:]) {
        self.name = name
        port = LocalPort.free()
        logFile = FileManager.default.temporaryDirectory.appending(path: "\(schema)-\(name).log")
        var environment = ProcessInfo.processInfo.environment
        environment["HTTP_PORT"] = "\(port)"
        environment["POSTGRES_SCHEMA"] = schema
        environment["KAFKA_TOPIC_PREFIX"] = topicPrefix
        environment["KAFKA_SESSION_TIMEOUT_MS"] = "3000"
        environment["KAFKA_HEARTBEAT_INTERVAL_MS"] = "500"
        environment["KAFKA_PRODUCER_STALL_TIMEOUT_S"] = "10"
        environment["LOG_LEVEL"] = environment["AID_TEST_LOG_LEVEL"] ?? "warning"
        environment.merge(extra) { _, new in new }
        self.environment = environment
    }

    /// The same service again (same schema, prefix, port and settings), as after a restart.
    init(reusing old: ServiceProcess) {
        name = old.name
        port = old.port
        environment = old.environment
        logFile = old.logFile
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var isRunning: Bool { process?.isRunning ?? false }

    /// Starts the process and waits until `/health/ready` answers 200.
    func start(timeout: Duration = .seconds(60)) async throws {
        let process = Process()
        process.executableURL = TestEnvironment.binaries.appending(path: name)
        process.environment = environment
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning {
                Issue.record("\(name) exited with \(process.terminationStatus) while starting; log: \(logFile.path)\n\(tail())")
                throw ServiceProcessError.exited(name)
            }
            if let status = try? await HTTP.status("\(baseURL)/health/ready"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServiceProcessError.notReady(name, tail())
    }

    /// Runs the executable expecting it to stop by itself (a start-up refusal); returns its exit status
    /// and what it printed. Kills it and fails when it is still running after `timeout`.
    func runUntilExit(timeout: Duration = .seconds(30)) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = TestEnvironment.binaries.appending(path: name)
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning {
            kill()
            Issue.record("\(name) was still running after \(timeout); log: \(tail())")
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: logFile, encoding: .utf8)) ?? "")
    }

    /// SIGKILL: no shutdown code runs, as in a crash.
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait for the graceful exit; returns the exit status.
    @discardableResult
    /// A service that is still running `timeout` after SIGTERM is a failure (its drain is bounded far
    /// below that) and is killed, so a hung service cannot hang the test run.
    func stop(timeout: Duration = .seconds(30)) -> Int32 {
        guard let process else { return 0 }
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + timeout
            while process.isRunning, ContinuousClock.now < deadline {
                usleep(20_000)
            }
            if process.isRunning {
                Issue.record("\(name) ignored SIGTERM for \(timeout) and was killed; log: \(logFile.path)\n\(tail())")
                kill()
            }
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Everything the process has written to stdout and stderr so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func tail(lines: Int = 30) -> String {
        log.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    deinit { kill() }
}

enum ServiceProcessError: Error, CustomStringConvertible {
    case exited(String)
    case notReady(String, String)

    var description: String {
        switch self {
        case .exited(let name): "\(name) exited during start-up"
        case .notReady(let name, let log): "\(name) did not become ready; last log lines:\n\(log)"
        }
    }
}
