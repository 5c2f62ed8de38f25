import AidContracts
import ServiceRuntime

/// The pairing service. It starts, migrates its schema, creates its topic and serves health and
/// metrics; its domain, events and API are built in their own issue.
public enum PairingService {
    public static let definition = ServiceDefinition(
        name: "pairing",
        defaultHTTPPort: 8084,
        migrations: [],
        publishes: [.pairing])
}
