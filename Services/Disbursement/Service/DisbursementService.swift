import AidContracts
import DisbursementDomain
import Foundation
import ServiceRuntime

/// The disbursement service: entitlements from identification results, payment batches through
/// the bank, the append-only ledger, and recoveries ordered by inspection.
public enum DisbursementService {
    public static let definition = ServiceDefinition(
        name: "disbursement",
        defaultHTTPPort: 8082,
        migrations: DisbursementMigrations.all,
        publishes: [.disbursement],
        prepare: { context in try await CatalogSeeding.seedIfEmpty(context: context) },
        handlers: { _ in [DisbursementEventHandler(), ClawbackOrderHandler()] },
        routes: { api, context in DisbursementRoutes(context: context).add(to: api) },
        backgroundServices: { context in
            let configuration = context.configuration
            let directory = URL(fileURLWithPath: configuration.setting("BANK_EXCHANGE_DIR", default: ".local/bank"))
            let standIn: BankStandIn? = configuration.setting("BANK_MODE", default: "stand-in") == "stand-in"
                ? BankStandIn(
                    failureRate: Double(configuration.setting("BANK_STANDIN_FAILURE_RATE", default: "0.02")) ?? 0.02,
                    seed: UInt64(configuration.setting("BANK_STANDIN_SEED", default: "2026")) ?? 2026)
                : nil
            return [BankExchange(context: context, directory: directory, standIn: standIn)]
        })
}
