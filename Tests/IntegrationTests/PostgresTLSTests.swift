import Foundation
import PostgresNIO
import ServiceRuntime
import Testing

/// `POSTGRES_URL`'s TLS settings against the real local cluster, which scripts/infra.sh serves
/// with a certificate for 127.0.0.1 signed by a CA of the checkout's own (`AID_PG_CA`).
@Suite("PostgreSQL over TLS: sslmode and sslrootcert", .serialized, .timeLimit(.minutes(2)))
struct PostgresTLSTests {
    static let certificateAuthority = TestEnvironment.localCertificateAuthority

    /// `POSTGRES_URL` with these query items instead of its own.
    static func url(_ query: String) throws -> String {
        var components = try #require(URLComponents(string: TestEnvironment.postgresURL))
        components.query = query.isEmpty ? nil : query
        return try #require(components.string)
    }

    /// Whether the session `url` opens is encrypted, as the server sees it; nil when no session
    /// opens within 15 s (the pool may keep retrying a connection it cannot make).
    static func encrypted(_ url: String) async throws -> Bool? {
        let database = try Database(url: url, schema: "public", maxConnections: 2, applicationName: "aid-tls-tests", logger: TestEnvironment.logger)
        enum Outcome: Sendable { case pool, timeout, ssl(Bool) }
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask { await database.client.run(); return .pool }
            group.addTask { try? await Task.sleep(for: .seconds(15)); return .timeout }
            group.addTask {
                var ssl = false
                for try await value in try await database.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").decode(Bool.self) { ssl = value }
                return .ssl(ssl)
            }
            defer { group.cancelAll() }
            while let outcome = try await group.next() {
                switch outcome {
                case .ssl(let ssl): return ssl
                case .timeout: return nil
                case .pool: continue
                }
            }
            return nil
        }
    }

    @Test("verify-full with the cluster's CA encrypts and checks the server; require encrypts; disable does not")
    func encryptedWhenAsked() async throws {
        try await TestEnvironment.requireInfrastructure()
        try #require(FileManager.default.fileExists(atPath: Self.certificateAuthority), "no CA at \(Self.certificateAuthority): start PostgreSQL with scripts/infra.sh")
        #expect(try await Self.encrypted(Self.url("sslmode=verify-full&sslrootcert=\(Self.certificateAuthority)")) == true)
        #expect(try await Self.encrypted(Self.url("sslmode=verify-ca&sslrootcert=\(Self.certificateAuthority)")) == true)
        #expect(try await Self.encrypted(Self.url("sslmode=require")) == true)
        #expect(try await Self.encrypted(Self.url("sslmode=disable")) == false)
    }

    @Test("verify-full without the CA that signed the server's certificate refuses to connect; a missing sslrootcert file or an unknown sslmode is a configuration error")
    func refusedWhenUnverifiable() async throws {
        try await TestEnvironment.requireInfrastructure()
        // The system trust store does not know the local CA: the handshake must fail, not fall back to plain text.
        let untrusted: Result<Bool?, any Error>
        do { untrusted = .success(try await Self.encrypted(Self.url("sslmode=verify-full"))) } catch { untrusted = .failure(error) }
        switch untrusted {
        case .success(let ssl?): Issue.record("a server the system trust store cannot verify was accepted (ssl: \(ssl))")
        case .success(nil), .failure: break
        }
        let missing = try Self.url("sslmode=verify-full&sslrootcert=/nonexistent/ca.pem")
        let error = #expect(throws: ConfigurationError.self) {
            try Database(url: missing, schema: "public", maxConnections: 2, applicationName: "aid-tls-tests", logger: TestEnvironment.logger)
        }
        #expect(error?.description.contains("sslrootcert") == true, "\(String(describing: error))")
        let unknown = try Self.url("sslmode=prefer")
        let modeError = #expect(throws: ConfigurationError.self) {
            try Database(url: unknown, schema: "public", maxConnections: 2, applicationName: "aid-tls-tests", logger: TestEnvironment.logger)
        }
        #expect(modeError?.description.contains("sslmode") == true)
    }
}
