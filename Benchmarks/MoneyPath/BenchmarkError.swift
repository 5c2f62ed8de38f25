/// Why a run could not produce its figures. Each case says what to look at.
enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case executableMissing(String)
    case serviceExited(status: Int32, log: String)
    case serviceNotReady(log: String)
    case http(step: String, status: Int, body: String)
    case timedOut(waitingFor: String, reached: Int, expected: Int, log: String?)

    var description: String {
        switch self {
        case .usage(let text):
            return text
        case .executableMissing(let path):
            return """
                no disbursement executable at \(path); build both products into the same folder: \
                swift build -c release --product money-path-benchmark --product disbursement
                """
        case .serviceExited(let status, let log):
            return "disbursement exited with status \(status) while starting; its log: \(log)"
        case .serviceNotReady(let log):
            return "disbursement did not become ready within a minute; its log: \(log)"
        case .http(let step, let status, let body):
            return "\(step) answered \(status): \(body)"
        case .timedOut(let what, let reached, let expected, let log):
            return "gave up waiting for \(what): \(reached) of \(expected)" + (log.map { "; disbursement log: \($0)" } ?? "")
        }
    }
}
