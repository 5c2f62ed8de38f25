import ArgumentParser

/// The city's figures from disbursement's ledger: totals by programme, school and town.
struct Figures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the ledger's totals (disbursed, student-times) by programme, school and town.")

    enum Dimension: String, ExpressibleByArgument, CaseIterable { case program, school, town, semester }

    /// Disbursement's `/v1/ledger/totals` answer.
    struct Totals: Codable {
        struct Row: Codable { var key: String; var amountFen: Int64; var entries: Int; var students: Int }
        var by: String
        var rows: [Row]
        var totalFen: Int64
        var entries: Int
        var studentTimes: Int
    }

    @Option(name: .customLong("by"), help: "A dimension (repeatable): \(Dimension.allCases.map(\.rawValue).joined(separator: ", ")). Default: program, school, town.")
    var dimensions: [Dimension] = []

    @OptionGroup var services: ServiceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try await services.disbursement(role: .operator)
        var totals: [Totals] = []
        for dimension in dimensions.isEmpty ? [.program, .school, .town] : dimensions {
            totals.append(try await client.call("GET", "/v1/ledger/totals?by=\(dimension.rawValue)", as: Totals.self))
        }
        if output.json { return try Console.json(totals) }
        guard let first = totals.first else { return }
        print("Disbursed \(Console.yuan(first.totalFen)) to \(first.studentTimes) student-times (\(first.entries) ledger entries)")
        for total in totals {
            print("\nBy \(total.by):")
            Console.table(
                [total.by.uppercased(), "AMOUNT", "ENTRIES", "STUDENTS"],
                total.rows.map { [$0.key, Console.yuan($0.amountFen), "\($0.entries)", "\($0.students)"] }, indent: "  ")
        }
    }
}
