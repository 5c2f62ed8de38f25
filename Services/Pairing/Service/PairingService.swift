import AidContracts
import ServiceRuntime

/// The pairing service: urban–rural and intra-city school twinning (schools serving key poverty
/// villages first, each with the nearest strong urban school of the same stage that has room), the
/// activities of each pair, care rooms for left-behind children, and one-to-one volunteer ↔ child
/// pairs that follow the roster: a pair ends or is re-matched when the child transfers, graduates,
/// withdraws or is no longer left behind, and a child left waiting too long shows up in a query.
public enum PairingService {
    public static let definition = ServiceDefinition(
        name: "pairing",
        defaultHTTPPort: 8084,
        migrations: PairingMigrations.all,
        sealedColumns: [PairingMigrations.volunteerNames],
        publishes: [.pairing],
        // Refuses to start on a bad setting rather than serve with a guess.
        prepare: { context in _ = try PairingSettings(configuration: context.configuration) },
        handlers: { _ in [PairingEventHandler()] },
        routes: { api, context in
            // `prepare` has checked the settings, so this parses the same values.
            let settings = (try? PairingSettings(configuration: context.configuration)) ?? .defaults
            PairingRoutes(context: context, settings: settings).add(to: api)
        })
}
