import AidContracts
import ServiceRuntime

/// The inspection service: campaigns with cross-district review teams and all-member sign-off;
/// a re-check of every aided student each semester; findings with accountability records and the
/// claw-back orders that disbursement and identification act on; care of the vulnerable groups.
public enum InspectionService {
    public static let definition = ServiceDefinition(
        name: "inspection",
        defaultHTTPPort: 8086,
        migrations: InspectionMigrations.all,
        publishes: [.inspection],
        handlers: { _ in [InspectionEventHandler()] },
        routes: { api, context in InspectionRoutes(context: context).add(to: api) })
}
