import APIClient

/// What went wrong, said so an operator knows what to do next. ArgumentParser prints the description
/// and exits with status 1.
enum CLIError: Error, CustomStringConvertible {
    /// The service answered with an error; `problems` are its field/rule (and line) findings.
    case service(name: String, status: Int, problems: [Problem])
    case unreachable(name: String, url: String, reason: String)
    case noToken(String)
    case kafka(String)
    case notFound(String)

    typealias Problem = APIClient.Problem

    var description: String {
        switch self {
        case .service(let name, let status, let problems):
            let lines = problems.map { "  \($0.description)" }.joined(separator: "\n")
            return "\(name) answered \(status)" + (problems.isEmpty ? "" : ":\n\(lines)")
        case .unreachable(let name, let url, let reason):
            return "\(name) at \(url) did not answer (\(reason)); is it running (scripts/run.sh), or is the URL flag/variable wrong?"
        case .noToken(let reason), .kafka(let reason), .notFound(let reason):
            return reason
        }
    }
}
