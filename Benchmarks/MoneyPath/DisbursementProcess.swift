import APIClient
import Foundation

/// The real disbursement executable, started as a child process on a free port with the run's own
/// schema, topic prefix and bank folder, its output in a log file.
final class DisbursementProcess {
    let port: Int
    let logFile: URL
    private let process = Process()
    private let http = APIClient(timeout: .seconds(10))

    init(executable: URL, environment: [String: String], logFile: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchmarkError.executableMissing(executable.path)
        }
        port = Self.freePort()
        self.logFile = logFile
        process.executableURL = executable
        var environment = environment
        environment["HTTP_HOST"] = "127.0.0.1"
        environment["HTTP_PORT"] = "\(port)"
        process.environment = environment
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    /// Starts the process and returns once `/health/ready` answers 200 (PostgreSQL and broker up,
    /// migrations applied, topics created).
    func start() async throws {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BenchmarkError.serviceExited(status: process.terminationStatus, log: logFile.path) }
            if let reply = try? await http.get("\(baseURL)/health/ready", token: nil), reply.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError.serviceNotReady(log: logFile.path)
    }

    /// SIGTERM, so the service drains its outbox and leaves its consumer group as in production;
    /// SIGKILL if it has not exited after 30 s.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private static func freePort() -> Int {
        // Bind to port 0 and let the kernel choose, then release it for the service.
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
