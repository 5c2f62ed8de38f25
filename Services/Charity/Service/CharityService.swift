import AidContracts
import ServiceRuntime

/// The charity service ("one school, one policy"): condition assessments of rural teaching points,
/// donor pledges of goods or earmarked money, matching runs that allocate pledged units to the
/// worst-assessed schools first and explain every allocation, and the delivery and acceptance of
/// each allocation. It learns schools from `aid.roster.v1`; a school that closes or merges has its
/// undelivered allocations withdrawn and what it still lacks moved to its successor or cancelled.
public enum CharityService {
    public static let definition = ServiceDefinition(
        name: "charity",
        defaultHTTPPort: 8083,
        migrations: CharityMigrations.all,
        publishes: [.charity],
        handlers: { _ in [CharityEventHandler()] },
        routes: { api, context in CharityRoutes(context: context).add(to: api) })
}
