import Foundation
import Logging
import PostgresNIO

/// One versioned change to a service's schema. `id` orders migrations and is recorded once applied.
public struct Migration: Sendable {
    public let id: String
    /// PostgreSQL's extended protocol takes one statement at a time, so the text is split at every
    /// `;` that ends a line (migrations here hold no function bodies).
    public let statements: [String]

    public init(_ id: String, _ sql: String) {
        self.id = id
        statements = sql.components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }
}

/// Applies migrations at start-up: in one transaction, under an advisory lock per schema, so running
/// it twice or from two instances at once applies each migration exactly once.
public struct Migrator: Sendable {
    /// Tables every service has: the transactional outbox and the inbox of processed event ids.
    public static let runtimeMigrations: [Migration] = [
        Migration("000-runtime-outbox", """
            CREATE TABLE outbox (
                id bigserial PRIMARY KEY,
                event_id text NOT NULL UNIQUE,
                topic text NOT NULL,
                message_key text,
                headers jsonb NOT NULL,
                payload bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                sent_at timestamptz
            );
            CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
            """),
        Migration("001-runtime-inbox", """
            CREATE TABLE inbox (
                event_id text NOT NULL,
                consumer_group text NOT NULL,
                topic text NOT NULL,
                event_type text,
                outcome text NOT NULL DEFAULT 'processed',
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer_group, event_id)
            );
            """),
    ]

    let database: Database
    let logger: Logger

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Applies what is not applied yet and returns the ids it applied.
    @discardableResult
    public func migrate(_ serviceMigrations: [Migration]) async throws -> [String] {
        let schema = database.schema
        let all = Self.runtimeMigrations + serviceMigrations
        let applied = try await database.transaction { connection in
            // Serialises concurrent starts of the same service; released at commit.
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(schema)))")
            // A role that owns its schema may lack CREATE on the database: only create what is missing.
            let exists = try await connection.run("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)").collect()
            if exists.isEmpty {
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
            }
            try await connection.run(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)"))
            try await connection.run("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            var done = Set<String>()
            for try await id in try await connection.run("SELECT id FROM schema_migrations").decode(String.self) {
                done.insert(id)
            }
            var appliedNow: [String] = []
            for migration in all where !done.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement))
                }
                try await connection.run("INSERT INTO schema_migrations (id) VALUES (\(migration.id))")
                appliedNow.append(migration.id)
            }
            return appliedNow
        }
        logger.info("migrations checked", metadata: ["db.schema": "\(schema)", "db.applied": "\(applied)"])
        return applied
    }
}
