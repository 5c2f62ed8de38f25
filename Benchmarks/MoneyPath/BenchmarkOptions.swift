/// The command line: `--students N`, how many records every measurement of one run uses.
struct BenchmarkOptions {
    static let usage = "usage: money-path-benchmark [--students N]   (N ≥ 1, default 1000)"

    var students = 1000

    init(arguments: [String]) throws(BenchmarkError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument == "--students", let text = remaining.popFirst(), let count = Int(text), count > 0 else {
                throw .usage(Self.usage)
            }
            students = count
        }
    }
}
