import ArgumentParser

/// Sends an approved batch to the bank.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send an approved payment batch to the bank.")

    @Option(help: "The batch id.")
    var batch: String

    @OptionGroup var services: ServiceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try await services.disbursement(role: .operator)
        let summary = try await client.call("POST", "/v1/batches/\(batch)/send", as: BatchSummary.self)
        if output.json { return try Console.json(summary) }
        BatchSummary.show([summary])
    }
}
