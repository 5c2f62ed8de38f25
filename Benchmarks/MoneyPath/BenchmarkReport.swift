import Foundation

/// The printed result of one run: a small table, the ratios the money path reaches against the two
/// raw baselines, and peak memory.
struct BenchmarkReport {
    /// When and how big: printed as the title.
    var run: [String]
    /// Where: cores, load, library and server versions.
    var machine: [String]
    var moneyPath: MoneyPathFigures
    var broker: BrokerFigures
    var postgres: PostgresFigures
    var disbursementPeakBytes: Int?
    var benchmarkPeakBytes: Int?

    func print() {
        let money = moneyPath
        Swift.print("money-path-benchmark · " + run.joined(separator: " · "))
        Swift.print(machine.joined(separator: " · "))
        Swift.print("")
        line("measurement", "records", "seconds", "rate")
        line("money path, students (end to end)", "\(money.students)", money.total, rate(money.studentsPerSecond, "students/s"))
        line("money path, confirmed payments (end to end)", "\(money.entitlements)", money.total, rate(money.paymentsPerSecond, "payments/s"))
        line("  consume → entitlements granted", "\(money.students)", money.granting,
             rate(Double(money.students) / money.granting.seconds, "students/s"))
        line("    publishing (overlaps the above)", "\(money.students)", money.publishing, "")
        line("  batches → ledger", "\(money.entitlements)", money.paying,
             rate(Double(money.entitlements) / money.paying.seconds, "payments/s"))
        line("    prepare \(money.batches) batches", "", money.preparing, "")
        line("    approve + send \(money.batches) batches", "", money.approvingAndSending, "")
        line("    bank exchange → booked in ledger", "", money.booking, "")
        line("broker round trip (produce + consume)", "\(broker.messages)", broker.roundTrip,
             rate(broker.messagesPerSecond, "msg/s") + "  (\(broker.averageBytes) B/record)")
        line("    producing", "", broker.producing, "")
        line("PostgreSQL, row + outbox row per record", "\(postgres.records)", postgres.elapsed,
             rate(postgres.recordsPerSecond, "records/s") + "  (" + rate(postgres.rowsPerSecond, "rows/s") + ")")
        Swift.print("")
        Swift.print("ratios")
        Swift.print("  money path students/s ÷ broker round-trip msg/s   " + String(format: "%.4f", money.studentsPerSecond / broker.messagesPerSecond))
        Swift.print("  money path students/s ÷ PostgreSQL records/s      " + String(format: "%.4f", money.studentsPerSecond / postgres.recordsPerSecond))
        Swift.print("")
        Swift.print("peak RSS (VmHWM)")
        Swift.print("  disbursement  " + mebibytes(disbursementPeakBytes))
        Swift.print("  benchmark     " + mebibytes(benchmarkPeakBytes))
    }

    private func line(_ name: String, _ records: String, _ duration: Duration, _ rate: String) {
        line(name, records, String(format: "%.3f", duration.seconds), rate)
    }

    private func line(_ name: String, _ records: String, _ seconds: String, _ rate: String) {
        let row = padded(name, 46) + padded(records, 8, left: true) + padded(seconds, 10, left: true) + "   " + rate
        Swift.print(row.replacingOccurrences(of: " +$", with: "", options: .regularExpression))
    }

    private func rate(_ value: Double, _ unit: String) -> String {
        String(format: "%.1f ", value) + unit
    }

    private func mebibytes(_ bytes: Int?) -> String {
        bytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "n/a (no /proc)"
    }

    private func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }
}
