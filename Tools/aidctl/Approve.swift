import ArgumentParser

/// Approves a draft batch: the second pair of eyes. The service refuses an approval by the preparer.
struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Approve a prepared payment batch (a bureau officer other than its preparer).")

    @Option(help: "The batch id, as `aidctl pay` printed it.")
    var batch: String

    @OptionGroup var services: ServiceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try await services.disbursement(role: .bureauOfficer)
        let summary = try await client.call("POST", "/v1/batches/\(batch)/approve", as: BatchSummary.self)
        if output.json { return try Console.json(summary) }
        BatchSummary.show([summary])
        print("\nNext: aidctl send --batch \(summary.batchId)")
    }
}
