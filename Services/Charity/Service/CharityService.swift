import AidContracts
import ServiceRuntime

/// The charity service. It starts, migrates its schema, creates its topic and serves health and
/// metrics; its domain, events and API are built in their own issue.
public enum CharityService {
    public static let definition = ServiceDefinition(
        name: "charity",
        defaultHTTPPort: 8083,
        migrations: [],
        publishes: [.charity])
}
