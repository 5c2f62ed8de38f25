import DisbursementDomain
import Foundation
import ServiceRuntime

/// The grant catalog is versioned: a new version is added, never edited. At first start the
/// standard national catalog becomes version 1.
enum CatalogSeeding {
    static func seedIfEmpty(context: ServiceContext) async throws {
        let catalog = GrantCatalog.standard
        let json = String(decoding: try JSONEncoder().encode(catalog), as: UTF8.self)
        try await context.database.query("""
            INSERT INTO catalog_versions (version, effective_from, catalog, created_by)
            SELECT \(catalog.version), \(catalog.effectiveFrom.description), \(json)::jsonb, 'standard-catalog'
            WHERE NOT EXISTS (SELECT 1 FROM catalog_versions)
            ON CONFLICT DO NOTHING
            """)
    }

    static func add(_ catalog: GrantCatalog, by actor: String, context: ServiceContext) async throws {
        let json = String(decoding: try JSONEncoder().encode(catalog), as: UTF8.self)
        try await context.transaction { connection, _ in
            let latest = try await connection.run("SELECT coalesce(max(version), 0) FROM catalog_versions").collect().first?.decode(Int.self) ?? 0
            guard catalog.version == latest + 1 else {
                throw APIError.conflict("version", "must be \(latest + 1) (the next version); versions are added, never replaced")
            }
            try await connection.run("""
                INSERT INTO catalog_versions (version, effective_from, catalog, created_by)
                VALUES (\(catalog.version), \(catalog.effectiveFrom.description), \(json)::jsonb, \(actor))
                """)
        }
    }
}
