import ArgumentParser
import Foundation

/// Bulk import into identification: schools, students or registry lists from a CSV or JSON file,
/// or a semester's applications (with their visits and parents' reviews) from a JSON array.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import schools, students, registry lists or applications into identification.",
        discussion: """
            The format follows the file's extension (.csv or .json; applications are JSON only, each element \
            {applicationId, studentId, semester, survey, visit?, parentReview?}, and are recorded as a bureau \
            officer's, --as naming who). all-or-nothing applies no row when any row \
            is bad; valid-rows applies the good rows and lists the rejected ones. Exit status: 0 every row applied \
            (or unchanged), 1 nothing applied (rejected rows are listed with their line and field), 3 some rows \
            rejected in valid-rows mode.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case schools, students, registry, applications }
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case allOrNothing = "all-or-nothing"
        case validRows = "valid-rows"
    }

    /// Identification's import report.
    struct Report: Codable {
        struct Rejection: Codable { var line: Int; var field: String; var rule: String }
        var kind: String
        var mode: String
        var received: Int
        var applied: Int
        var unchanged: Int
        var rejected: [Rejection]
    }

    @Option(help: "What the file holds: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @Option(help: "The CSV or JSON file to import.")
    var file: String

    @Option(help: "\(Mode.allCases.map(\.rawValue).joined(separator: " or ")).")
    var mode: Mode = .allOrNothing

    @OptionGroup var services: ServiceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let contentType = switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "csv": "text/csv"
        case "json": "application/json"
        default: throw ValidationError("--file must end in .csv or .json (the format follows the extension), got '\(file)'")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read --file '\(file)'")
        }
        if kind == .applications, contentType != "application/json" {
            throw ValidationError("applications are imported from a JSON array (.json): a survey does not fit a CSV row")
        }
        // Visits and reviews are recorded by officers; the roster is an operator's import.
        let client = try await services.identification(role: kind == .applications ? .bureauOfficer : .operator)
        let reply = try await client.send("POST", "/v1/\(kind.rawValue)/import?mode=\(mode.rawValue)", body: data, contentType: contentType)
        guard reply.status == 200 else {
            let failure = client.failure(reply)
            if output.json, case .service(_, let status, let problems) = failure {
                struct Rejected: Encodable { var status: Int; var applied: Int; var rejected: [CLIError.Problem] }
                try Console.json(Rejected(status: status, applied: 0, rejected: problems))
                throw ExitCode.failure
            }
            throw failure
        }
        let report = try JSONDecoder().decode(Report.self, from: reply.body)
        if output.json {
            try Console.json(report)
        } else {
            print("\(report.kind): \(report.received) rows received, \(report.applied) applied, \(report.unchanged) unchanged, \(report.rejected.count) rejected")
            for rejection in report.rejected {
                print("  line \(rejection.line), field '\(rejection.field)': \(rejection.rule)")
            }
        }
        if !report.rejected.isEmpty { throw ExitCode(3) }
    }
}
