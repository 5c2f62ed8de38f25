import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The service's PostgreSQL pool, pinned to the service's own schema through `search_path`.
public struct Database: Sendable {
    public let client: PostgresClient
    public let schema: String
    let logger: Logger

    public init(url: String, schema: String, maxConnections: Int, applicationName: String, logger: Logger) throws(ConfigurationError) {
        guard let components = URLComponents(string: url), components.scheme?.hasPrefix("postgres") == true,
              let host = components.host, let user = components.user else {
            throw .invalid("POSTGRES_URL", "must look like postgres://user:password@host:port/database")
        }
        let database = components.path.split(separator: "/").first.map(String.init) ?? user
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let rootCertificate = components.queryItems?.first { $0.name == "sslrootcert" }?.value
        let tls: PostgresClient.Configuration.TLS
        // libpq's meanings: require encrypts without checking the certificate; verify-ca checks the
        // chain; verify-full also checks the host name. The chain ends at the CA certificate(s) in
        // the PEM file `sslrootcert` names (a cluster's private CA), else at the system trust store.
        switch sslMode {
        case "disable":
            tls = .disable
        case "require", "verify-ca", "verify-full":
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = switch sslMode {
            case "require": .none
            case "verify-ca": .noHostnameVerification
            default: .fullVerification
            }
            if let rootCertificate, !rootCertificate.isEmpty {
                guard FileManager.default.isReadableFile(atPath: rootCertificate) else {
                    throw .invalid("POSTGRES_URL", "sslrootcert names no readable file: '\(rootCertificate)'")
                }
                tlsConfiguration.trustRoots = .file(rootCertificate)
            }
            tls = .require(tlsConfiguration)
        default:
            throw .invalid("POSTGRES_URL", "sslmode must be disable, require, verify-ca or verify-full; got '\(sslMode)'")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password, database: database, tls: tls)
        configuration.options.maximumConnections = max(maxConnections, 2)
        configuration.options.additionalStartupParameters = [
            ("search_path", schema), ("application_name", applicationName),
        ]
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.schema = schema
        self.logger = logger
    }

    /// Runs `body` in one transaction and rethrows its own error (not a wrapper) on failure.
    public func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs a query outside any explicit transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await client.query(query, logger: logger)
    }

    /// True when a trivial query succeeds within two seconds.
    public func isReachable() async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await client.query("SELECT 1", logger: logger)) != nil }
            group.addTask { try? await Task.sleep(for: .seconds(2)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

extension PostgresConnection {
    /// Runs a statement inside the caller's transaction.
    @discardableResult
    public func run(_ query: PostgresQuery, logger: Logger = Logger(label: "aid.sql")) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}
