import ArgumentParser
import CityGenerator
import Foundation

/// `citygen pay`: one payment round for a semester, the way the bureau runs it: an operator
/// prepares the batches, a second officer approves them, the operator sends them; the bank's
/// confirmations are awaited and failed lines retried (each retry approved again).
struct Pay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run one payment round for a semester through disbursement's API.")

    @Option(help: "The semester to pay, e.g. 2026-autumn.")
    var semester = ReferenceCity.semester

    @Option(help: "A generated city's directory, to compare what is paid with what it expects.")
    var dir: String?

    @OptionGroup var endpoints: SuiteEndpoints

    @Option(help: "Retry rounds for lines the bank failed.")
    var retries = 2

    func run() async throws {
        let client = try await SuiteClient()
        let progress = Progress()
        let expected = try dir.map { PaymentEstimate(try CityGenerator.manifest(in: URL(fileURLWithPath: $0)).identification) }
        let handled = try await Settling(client: client, identificationURL: endpoints.identification, disbursementURL: endpoints.disbursement)
            .wait(progress: progress)
        progress.say("disbursement has caught up (\(Figures.count(handled)) events handled while waiting)")
        let round = PaymentRound(client: client, disbursementURL: endpoints.disbursement, semester: semester, progress: progress)
        let outcome = try await round.run(retries: retries)
        if let expected {
            progress.say("the city expects \(Figures.count(expected.entitlements)) entitlements worth \(Figures.yuan(expected.fen)) this semester under the standard catalog")
        }
        print("""

            payment round for \(semester): \(outcome.batches) batches, \(Figures.count(outcome.lines)) lines prepared
              paid \(Figures.count(outcome.paid)), failed \(Figures.count(outcome.failed)), still pending \(Figures.count(outcome.pending))
              ledger: \(Figures.yuan(outcome.ledgerFen)) to \(Figures.count(outcome.studentTimes)) student-times in all
            """)
    }
}
