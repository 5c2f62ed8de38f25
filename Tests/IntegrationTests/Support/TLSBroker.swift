import Foundation
import Kafka
import Testing
import TestSupport

/// A broker of the test's own that clients reach only over TLS: Tansu (which serves no TLS itself)
/// listens on a private plain-text port and advertises the port of a stunnel front that terminates
/// TLS with the local server certificate (`scripts/infra.sh` makes it, signed by `AID_PG_CA`). Every
/// connection a client makes, bootstrap and the advertised broker alike, is therefore a TLS session
/// whose certificate the client verifies; the broker behind it is the real Kafka-protocol server.
final class TLSBroker: @unchecked Sendable {
    /// The TLS port clients connect to (the address the broker advertises).
    let port = LocalPort.free()
    private let brokerPort = LocalPort.free()
    private let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("tls-broker-"))
    private var processes: [Process] = []

    var bootstrapServers: String { "127.0.0.1:\(port)" }

    /// What a client needs to reach it: TLS, trusting the local CA.
    var clientProperties: [String: String] {
        ["security.protocol": "SSL", "ssl.ca.location": TestEnvironment.localCertificateAuthority]
    }

    func configuration(clientID: String = "aid-tests-tls", properties: [String: String] = [:]) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers, clientID: clientID, properties: clientProperties.merging(properties) { _, new in new })
    }

    /// `requireAuthentication`: the broker accepts only SASL (SCRAM-SHA-512) sessions.
    static func start(requireAuthentication: Bool = false) async throws -> TLSBroker {
        let broker = TLSBroker()
        try await broker.start(requireAuthentication: requireAuthentication)
        return broker
    }

    private func start(requireAuthentication: Bool) async throws {
        let tansu = TestEnvironment.root.appending(path: ".local/bin/tansu")
        let stunnel = URL(fileURLWithPath: "/usr/bin/stunnel4")
        let certificates = URL(fileURLWithPath: TestEnvironment.environment["AID_TLS_DIR"] ?? TestEnvironment.root.appending(path: ".local/tls").path)
        try #require(FileManager.default.isExecutableFile(atPath: tansu.path), "no broker at \(tansu.path): run scripts/setup.sh")
        try #require(FileManager.default.isExecutableFile(atPath: stunnel.path), "no \(stunnel.path): run scripts/setup.sh (it installs stunnel4)")
        try #require(
            FileManager.default.fileExists(atPath: certificates.appending(path: "server.key").path),
            "no server certificate in \(certificates.path): run scripts/infra.sh start (it makes one)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var brokerArguments = [
            "broker", "--listener-url", "tcp://127.0.0.1:\(brokerPort)", "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
        ]
        if requireAuthentication { brokerArguments.append("--authentication") }
        try launch(tansu, brokerArguments, log: "tansu.log")
        let front = directory.appending(path: "stunnel.conf")
        try """
            foreground = yes
            pid =
            [kafka]
            accept = 127.0.0.1:\(port)
            connect = 127.0.0.1:\(brokerPort)
            cert = \(certificates.appending(path: "server.crt").path)
            key = \(certificates.appending(path: "server.key").path)

            """.write(to: front, atomically: true, encoding: .utf8)
        try launch(stunnel, [front.path], log: "stunnel.log")

        let deadline = ContinuousClock.now + .seconds(10)
        while !(LocalPort.isListening(brokerPort) && LocalPort.isListening(port)), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(LocalPort.isListening(brokerPort) && LocalPort.isListening(port), "the TLS broker did not start: \(log)")
    }

    private func launch(_ executable: URL, _ arguments: [String], log: String) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let file = directory.appending(path: log)
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        processes.append(process)
    }

    /// What the broker and the TLS front printed (for failure messages).
    var log: String {
        ["tansu.log", "stunnel.log"].map { name in
            "\(name):\n" + ((try? String(contentsOf: directory.appending(path: name), encoding: .utf8)) ?? "").suffix(1500)
        }.joined(separator: "\n")
    }

    /// SIGKILL: the broker keeps nothing on disk, and Tansu does not stop on SIGTERM.
    func stop() {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        processes = []
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
