import AidContracts
import ServiceRuntime

/// The identification service: the roster (schools, students, households), government registry
/// lists, applications with surveys, visits and parent reviews, and need-tier decisions.
public enum IdentificationService {
    public static let definition = ServiceDefinition(
        name: "identification",
        defaultHTTPPort: 8081,
        migrations: IdentificationMigrations.all,
        publishes: [.roster, .identification],
        routes: { api, context in
            let vault = PersonalDataVault(secret: context.configuration.setting("PII_KEY", default: PersonalDataVault.developmentKey))
            IdentificationRoutes(context: context, vault: vault).add(to: api)
        })
}
