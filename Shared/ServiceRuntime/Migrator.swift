import Foundation
import Logging
import PostgresNIO

/// One versioned change to a service's schema. `id` orders migrations and is recorded once applied.
public struct Migration: Sendable {
    /// What a migration does, in order, in one transaction.
    enum Step: Sendable {
        case sql(String)
        /// Seal a plain-text column into a sealed one (SQL cannot: the key is PII_KEY).
        case seal(plaintext: String, into: SealedColumn)
    }

    public let id: String
    let steps: [Step]

    /// PostgreSQL's extended protocol takes one statement at a time, so the text is split at every
    /// `;` that ends a line (migrations here hold no function bodies).
    public init(_ id: String, _ sql: String) {
        self.id = id
        steps = Self.statements(sql).map(Step.sql)
    }

    private init(_ id: String, steps: [Step]) {
        self.id = id
        self.steps = steps
    }

    /// Replaces the plain-text column `plaintext` of `target.table` by the sealed bytea column
    /// `target.column`: adds it, seals every row's text into it with `PII_KEY`, drops the plain
    /// column and makes the sealed one NOT NULL when the plain one was (`notNull`).
    public static func sealing(_ id: String, plaintext: String, into target: SealedColumn, notNull: Bool = true) -> Migration {
        var steps: [Step] = [
            .sql("ALTER TABLE \(target.table) ADD COLUMN \(target.column) bytea"),
            // Sealed rows have their plain text set to NULL before the column goes.
            .sql("ALTER TABLE \(target.table) ALTER COLUMN \(plaintext) DROP NOT NULL"),
        ]
        steps.append(.seal(plaintext: plaintext, into: target))
        steps.append(.sql("ALTER TABLE \(target.table) DROP COLUMN \(plaintext)"))
        if notNull { steps.append(.sql("ALTER TABLE \(target.table) ALTER COLUMN \(target.column) SET NOT NULL")) }
        return Migration(id, steps: steps)
    }

    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }

    var needsVault: Bool {
        steps.contains { if case .seal = $0 { true } else { false } }
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
    /// Seals what a `Migration.sealing` converts; a service with such a migration must pass one.
    let vault: PersonalDataVault?

    public init(database: Database, logger: Logger, vault: PersonalDataVault? = nil) {
        self.database = database
        self.logger = logger
        self.vault = vault
    }

    /// Applies what is not applied yet and returns the ids it applied.
    @discardableResult
    public func migrate(_ serviceMigrations: [Migration]) async throws -> [String] {
        let schema = database.schema
        let all = Self.runtimeMigrations + serviceMigrations
        if vault == nil, let sealing = all.first(where: \.needsVault) {
            throw MigrationError.noVault(sealing.id)
        }
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
                for step in migration.steps {
                    switch step {
                    case .sql(let statement):
                        try await connection.run(PostgresQuery(unsafeSQL: statement))
                    case .seal(let plaintext, let target):
                        guard let vault else { throw MigrationError.noVault(migration.id) }
                        let sealed = try await PersonalDataResealer(vault: vault).sealPlaintext(plaintext, into: target, on: connection)
                        logger.info("sealed plain-text personal data", metadata: [
                            "db.schema": "\(schema)", "db.migration": "\(migration.id)", "pii.column": "\(target)", "pii.rows": "\(sealed)",
                        ])
                    }
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

public enum MigrationError: Error, CustomStringConvertible {
    case noVault(String)

    public var description: String {
        switch self {
        case .noVault(let id): "migration \(id) seals personal data but the service declares no sealed columns (ServiceDefinition.sealedColumns), so it has no PII_KEY"
        }
    }
}
