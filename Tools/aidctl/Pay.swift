import ArgumentParser
import Foundation

/// Prepares a semester's payment batches. Approval is deliberately not part of it: a batch needs a
/// second person (a bureau officer other than the preparer), so it prints the commands for them.
struct Pay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prepare payment batches for a semester and print the approval commands for a second person.",
        discussion: "Then a bureau officer other than you runs `aidctl approve --batch B`, and `aidctl send --batch B` sends it to the bank.")

    @Option(help: "The semester, e.g. 2026-autumn.")
    var semester: String

    @Option(help: "Only this school's entitlements.")
    var school: String?

    @OptionGroup var services: ServiceOptions
    @OptionGroup var output: OutputOptions

    struct Prepared: Codable {
        var prepared: [BatchSummary]
        var awaitingApproval: [BatchSummary]
        var approveCommands: [String]
    }

    func run() async throws {
        let client = try await services.disbursement(role: .operator)
        var body = ["semester": semester]
        if let school { body["schoolId"] = school }
        let prepared = try await client.call("POST", "/v1/batches", body: try JSONEncoder().encode(body), as: [BatchSummary].self)
        let query = semester.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? semester
        let drafts = try await client.call("GET", "/v1/batches?semester=\(query)&state=draft", as: [BatchSummary].self)
            .filter { school == nil || $0.schoolId == school }
        let commands = drafts.map { "aidctl approve --batch \($0.batchId)" }
        if output.json { return try Console.json(Prepared(prepared: prepared, awaitingApproval: drafts, approveCommands: commands)) }
        if prepared.isEmpty {
            print("Nothing new to prepare for \(semester): every granted entitlement is already in a batch.")
        } else {
            print("Prepared \(prepared.count) batch(es) for \(semester), \(Console.yuan(prepared.reduce(0) { $0 + $1.totalFen })) in \(prepared.reduce(0) { $0 + $1.lines }) payments:")
            BatchSummary.show(prepared)
        }
        guard !drafts.isEmpty else { return }
        print("\nAwaiting approval by a bureau officer other than the preparer; they run:")
        for command in commands { print("  \(command)") }
        print("then, once approved:")
        for draft in drafts { print("  aidctl send --batch \(draft.batchId)") }
    }
}
