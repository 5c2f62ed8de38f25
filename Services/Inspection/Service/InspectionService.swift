import AidContracts
import ServiceRuntime

/// The inspection service. It starts, migrates its schema, creates its topic and serves health and
/// metrics; its domain, events and API are built in their own issue.
public enum InspectionService {
    public static let definition = ServiceDefinition(
        name: "inspection",
        defaultHTTPPort: 8086,
        migrations: [],
        publishes: [.inspection])
}
