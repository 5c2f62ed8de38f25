import AidContracts

/// One attempt of a payment batch, as the CSV file handed to the bank.
///
/// Layout: the header `payment_id,entitlement_id,payee_reference,amount_fen`, one line per payment, then
/// the control line `#total,<line count>,<sum fen>,<batch id>:<attempt>,<semester>`. The counts let the
/// bank (and `parse`) detect a truncated or edited file; the semester is there so the file alone says
/// which grants it pays.
public struct PaymentFile: Sendable, Hashable {
    public static let header = ["payment_id", "entitlement_id", "payee_reference", "amount_fen"]

    public var batchId: String
    public var attempt: Int
    public var semester: Semester
    public var lines: [PaymentLine]

    public init(batchId: String, attempt: Int, semester: Semester, lines: [PaymentLine]) {
        self.batchId = batchId
        self.attempt = attempt
        self.semester = semester
        self.lines = lines
    }

    public var totalFen: Fen { lines.reduce(0) { $0 + $1.amountFen } }

    public func render() -> String {
        var rows = [CSVRecords.render(Self.header)]
        rows += lines.map { CSVRecords.render([$0.paymentId, $0.entitlementId, $0.payeeReference, String($0.amountFen)]) }
        rows.append(CSVRecords.render([
            CSVRecords.controlMarker, String(lines.count), String(totalFen),
            CSVRecords.batchReference(batchId: batchId, attempt: attempt), semester.description,
        ]))
        return rows.joined(separator: "\n") + "\n"
    }

    /// Reads a payment file, rejecting it at the first problem. The control line must agree with the
    /// payment lines; a payment id or entitlement id may appear only once, as paying it twice is the
    /// mistake the file must never carry.
    public static func parse(_ text: String) throws(PaymentFileError) -> PaymentFile {
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.records(text)
        } catch {
            throw PaymentFileError(line: error.line, field: nil, message: "the line \(error.message)")
        }
        guard let headerRecord = records.first else {
            throw PaymentFileError(line: 1, field: nil, message: "the file is empty; expected the header '\(header.joined(separator: ","))'")
        }
        guard headerRecord.fields == header else {
            throw PaymentFileError(
                line: headerRecord.line, field: nil,
                message: "header must be '\(header.joined(separator: ","))', got '\(headerRecord.fields.joined(separator: ","))'")
        }
        let controlFormat = "'#total,<line count>,<sum fen>,<batch id>:<attempt>,<semester>'"
        guard records.count >= 2, let control = records.last, control.fields.first == CSVRecords.controlMarker else {
            let last = records.count >= 2 ? records[records.count - 1].line : headerRecord.line + 1
            throw PaymentFileError(line: last, field: nil, message: "the last line must be the control line \(controlFormat)")
        }

        var lines: [PaymentLine] = []
        var paymentLineNumber: [String: Int] = [:]
        var entitlementLineNumber: [String: Int] = [:]
        var sum: Fen = 0
        for record in records.dropFirst().dropLast() {
            let line = try paymentLine(record)
            if let earlier = paymentLineNumber[line.paymentId] {
                throw PaymentFileError(line: record.line, field: "payment_id", message: "payment_id '\(line.paymentId)' already appears on line \(earlier)")
            }
            if let earlier = entitlementLineNumber[line.entitlementId] {
                throw PaymentFileError(
                    line: record.line, field: "entitlement_id",
                    message: "entitlement_id '\(line.entitlementId)' already appears on line \(earlier); an entitlement is paid once per file")
            }
            let (newSum, overflow) = sum.addingReportingOverflow(line.amountFen)
            if overflow {
                throw PaymentFileError(line: record.line, field: "amount_fen", message: "the amounts add up to more than a file can carry")
            }
            paymentLineNumber[line.paymentId] = record.line
            entitlementLineNumber[line.entitlementId] = record.line
            sum = newSum
            lines.append(line)
        }

        let fields = control.fields
        guard fields.count == 5 else {
            throw PaymentFileError(line: control.line, field: nil, message: "the control line must be \(controlFormat), got \(fields.count) fields")
        }
        guard let declaredCount = CSVRecords.wholeNumber(fields[1]) else {
            throw PaymentFileError(line: control.line, field: "line_count", message: "line_count must be a whole number, got '\(fields[1])'")
        }
        guard declaredCount == lines.count else {
            throw PaymentFileError(
                line: control.line, field: "line_count",
                message: "line_count says \(declaredCount) payment lines but the file has \(lines.count)")
        }
        guard let declaredSum = CSVRecords.wholeNumber(fields[2]) else {
            throw PaymentFileError(line: control.line, field: "sum_fen", message: "sum_fen must be a whole number of fen, got '\(fields[2])'")
        }
        guard declaredSum == sum else {
            throw PaymentFileError(
                line: control.line, field: "sum_fen",
                message: "sum_fen says \(declaredSum) but the payment lines add up to \(sum)")
        }
        guard let reference = CSVRecords.parseBatchReference(fields[3]) else {
            throw PaymentFileError(
                line: control.line, field: "batch",
                message: "batch must be '<batch id>:<attempt>' with an attempt of 1 or more, got '\(fields[3])'")
        }
        guard let semester = Semester(fields[4]) else {
            throw PaymentFileError(
                line: control.line, field: "semester",
                message: "semester must look like 2026-autumn or 2027-spring, got '\(fields[4])'")
        }
        return PaymentFile(batchId: reference.batchId, attempt: reference.attempt, semester: semester, lines: lines)
    }

    private static func paymentLine(_ record: CSVRecords.Record) throws(PaymentFileError) -> PaymentLine {
        let fields = record.fields
        guard fields.count == header.count else {
            throw PaymentFileError(
                line: record.line, field: nil,
                message: "expected \(header.count) fields (\(header.joined(separator: ","))), got \(fields.count)")
        }
        for (name, value) in zip(header, fields) where value.isEmpty {
            throw PaymentFileError(line: record.line, field: name, message: "\(name) must not be empty")
        }
        guard let amount = CSVRecords.wholeNumber(fields[3]) else {
            throw PaymentFileError(line: record.line, field: "amount_fen", message: "amount_fen must be a whole number of fen, got '\(fields[3])'")
        }
        guard amount > 0 else {
            throw PaymentFileError(line: record.line, field: "amount_fen", message: "amount_fen must be more than 0, got '\(fields[3])'")
        }
        return PaymentLine(paymentId: fields[0], entitlementId: fields[1], payeeReference: fields[2], amountFen: amount)
    }
}
