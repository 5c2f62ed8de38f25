import Foundation

/// One test's private corner of the shared PostgreSQL and broker: its own schemas, topic prefix and
/// bank folder, and the services it started.
final class SuiteWorld: @unchecked Sendable {
    let id = TestEnvironment.uniqueName("t")
    var topicPrefix: String { "\(id)." }
    let bankDirectory: URL
    private(set) var services: [String: ServiceProcess] = [:]

    init() {
        bankDirectory = FileManager.default.temporaryDirectory.appending(path: "aid-bank-\(id)")
    }

    func schema(_ service: String) -> String { "\(service)_\(id)" }

    func topic(_ name: String) -> String { topicPrefix + name }

    @discardableResult
    func start(_ name: String, extra: [String: String] = [:]) async throws -> ServiceProcess {
        var environment = ["BANK_EXCHANGE_DIR": bankDirectory.path, "BANK_STANDIN_FAILURE_RATE": "0"]
        environment.merge(extra) { _, new in new }
        let service = ServiceProcess(name, schema: schema(name), topicPrefix: topicPrefix, extra: environment)
        try await service.start()
        services[name] = service
        return service
    }

    subscript(name: String) -> ServiceProcess { services[name]! }

    /// Stops every service gracefully and drops the test's schemas.
    func tearDown() async {
        for service in services.values { service.stop() }
        _ = try? await TestEnvironment.withPostgres { client in
            for name in self.services.keys {
                try await client.query(.init(unsafeSQL: "DROP SCHEMA IF EXISTS \(self.schema(name)) CASCADE"), logger: TestEnvironment.logger)
            }
        }
        try? FileManager.default.removeItem(at: bankDirectory)
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }
}
