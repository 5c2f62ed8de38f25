import DisbursementDomain
import Synchronization

/// The grant catalog versions, decoded once per version instead of once per event. Versions are
/// appended, never edited (`CatalogSeeding`), so what is held is current as long as the highest
/// version in the table is the highest one held; another replica adding a version shows as a
/// higher number, and the versions are read again.
final class CatalogCache: Sendable {
    private let held = Mutex<[GrantCatalog]>([])

    /// Every version up to `latestVersion` (the table's highest, read in the caller's transaction).
    func catalogs(latestVersion: Int, store: DisbursementStore) async throws -> [GrantCatalog] {
        let cached = held.withLock { $0 }
        if (cached.last?.version ?? 0) == latestVersion { return cached }
        let loaded = try await store.catalogs()
        held.withLock { current in
            // A transaction that began before a newer version was added may finish last.
            if (loaded.last?.version ?? 0) > (current.last?.version ?? 0) { current = loaded }
        }
        return loaded
    }
}
