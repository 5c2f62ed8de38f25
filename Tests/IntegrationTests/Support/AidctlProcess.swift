import Foundation
import Testing

/// Runs the built `aidctl` as an operator would, against one test's services and topic prefix.
struct AidctlProcess {
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var output: String { stdout + stderr }
        var description: String { "aidctl exited \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }

        func json<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: Data(stdout.utf8))
        }
    }

    static let binary = TestEnvironment.binaries.appending(path: "aidctl")
    let environment: [String: String]

    init(world: SuiteWorld, identification: ServiceProcess? = nil, disbursement: ServiceProcess? = nil) {
        var environment = ProcessInfo.processInfo.environment
        environment["KAFKA_TOPIC_PREFIX"] = world.topicPrefix
        environment["AID_TOKEN"] = nil
        if let identification { environment["AID_IDENTIFICATION_URL"] = identification.baseURL }
        if let disbursement { environment["AID_DISBURSEMENT_URL"] = disbursement.baseURL }
        self.environment = environment
    }

    /// Runs `aidctl arguments…` to completion (output goes to files, so a long listing cannot block it).
    func callAsFunction(_ arguments: String..., timeout: Duration = .seconds(120)) async throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appending(path: "aidctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appending(path: "stdout")
        let err = folder.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                Issue.record("aidctl \(arguments.joined(separator: " ")) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
