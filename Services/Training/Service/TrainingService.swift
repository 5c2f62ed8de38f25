import AidContracts
import ServiceRuntime

/// The training service. It starts, migrates its schema, creates its topic and serves health and
/// metrics; its domain, events and API are built in their own issue.
public enum TrainingService {
    public static let definition = ServiceDefinition(
        name: "training",
        defaultHTTPPort: 8085,
        migrations: [],
        publishes: [.training])
}
