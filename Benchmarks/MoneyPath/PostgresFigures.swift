/// Measurement 3: `records` records written as a row plus an outbox row each.
struct PostgresFigures: Sendable {
    var records: Int
    var elapsed: Duration

    var rows: Int { records * 2 }
    var recordsPerSecond: Double { Double(records) / elapsed.seconds }
    var rowsPerSecond: Double { Double(rows) / elapsed.seconds }
}
