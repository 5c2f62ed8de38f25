import AidContracts
import ServiceRuntime

/// The identification service: the roster (schools, students, households), government registry
/// lists, applications with surveys, visits and parent reviews, need-tier decisions, and revocation
/// on inspection's claw-back orders.
public enum IdentificationService {
    public static let definition = ServiceDefinition(
        name: "identification",
        defaultHTTPPort: 8081,
        migrations: IdentificationMigrations.all,
        sealedColumns: IdentificationMigrations.sealedColumns,
        publishes: [.roster, .identification],
        handlers: { _ in [ClawbackRevocationHandler()] },
        routes: { api, context in
            IdentificationRoutes(context: context, vault: context.vault).add(to: api)
            InspectionHoldRoutes(context: context).add(to: api)
        },
        backgroundServices: { context in [CoveragePublisher(context: context)] })
}
