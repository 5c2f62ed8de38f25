/// The bank's answer to one payment file attempt.
///
/// Layout, mirroring the payment file: the header `payment_id,status,bank_reference,reason`, one line per
/// answered payment (status `PAID` with a bank reference, or `FAILED` with a reason), then the control
/// line `#total,<line count>,<batch id>:<attempt>`. A confirmation may answer only part of a file; the
/// rest follows in a later confirmation.
public struct BankConfirmation: Sendable, Hashable {
    public static let header = ["payment_id", "status", "bank_reference", "reason"]

    public var batchId: String
    public var attempt: Int
    public var results: [ConfirmationLine]

    public init(batchId: String, attempt: Int, results: [ConfirmationLine]) {
        self.batchId = batchId
        self.attempt = attempt
        self.results = results
    }

    public func render() -> String {
        var rows = [CSVRecords.render(Self.header)]
        rows += results.map { result in
            switch result.outcome {
            case .paid(let bankReference): CSVRecords.render([result.paymentId, "PAID", bankReference, ""])
            case .failed(let reason): CSVRecords.render([result.paymentId, "FAILED", "", reason])
            }
        }
        rows.append(CSVRecords.render([
            CSVRecords.controlMarker, String(results.count), CSVRecords.batchReference(batchId: batchId, attempt: attempt),
        ]))
        return rows.joined(separator: "\n") + "\n"
    }

    /// Reads a confirmation, rejecting it at the first problem with the line and field to blame.
    public static func parse(_ text: String) throws(BankConfirmationError) -> BankConfirmation {
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.records(text)
        } catch {
            throw BankConfirmationError(line: error.line, field: nil, message: "the line \(error.message)")
        }
        guard let headerRecord = records.first else {
            throw BankConfirmationError(line: 1, field: nil, message: "the file is empty; expected the header '\(header.joined(separator: ","))'")
        }
        guard headerRecord.fields == header else {
            throw BankConfirmationError(
                line: headerRecord.line, field: nil,
                message: "header must be '\(header.joined(separator: ","))', got '\(headerRecord.fields.joined(separator: ","))'")
        }
        let controlFormat = "'#total,<line count>,<batch id>:<attempt>'"
        guard records.count >= 2, let control = records.last, control.fields.first == CSVRecords.controlMarker else {
            let last = records.count >= 2 ? records[records.count - 1].line : headerRecord.line + 1
            throw BankConfirmationError(line: last, field: nil, message: "the last line must be the control line \(controlFormat)")
        }

        var results: [ConfirmationLine] = []
        var lineNumber: [String: Int] = [:]
        for record in records.dropFirst().dropLast() {
            let result = try confirmationLine(record)
            if let earlier = lineNumber[result.paymentId] {
                throw BankConfirmationError(
                    line: record.line, field: "payment_id", message: "payment_id '\(result.paymentId)' already appears on line \(earlier)")
            }
            lineNumber[result.paymentId] = record.line
            results.append(result)
        }

        let fields = control.fields
        guard fields.count == 3 else {
            throw BankConfirmationError(line: control.line, field: nil, message: "the control line must be \(controlFormat), got \(fields.count) fields")
        }
        guard let declaredCount = CSVRecords.wholeNumber(fields[1]) else {
            throw BankConfirmationError(line: control.line, field: "line_count", message: "line_count must be a whole number, got '\(fields[1])'")
        }
        guard declaredCount == results.count else {
            throw BankConfirmationError(
                line: control.line, field: "line_count",
                message: "line_count says \(declaredCount) result lines but the file has \(results.count)")
        }
        guard let reference = CSVRecords.parseBatchReference(fields[2]) else {
            throw BankConfirmationError(
                line: control.line, field: "batch",
                message: "batch must be '<batch id>:<attempt>' with an attempt of 1 or more, got '\(fields[2])'")
        }
        return BankConfirmation(batchId: reference.batchId, attempt: reference.attempt, results: results)
    }

    /// Every way this confirmation does not answer `file`: another batch or attempt, a payment id the file
    /// does not hold, or a payment answered twice. Empty when it may be applied.
    public func validate(against file: PaymentFile) -> [BankConfirmationError] {
        var errors: [BankConfirmationError] = []
        if batchId != file.batchId || attempt != file.attempt {
            errors.append(BankConfirmationError(
                line: nil, field: "batch",
                message: "the confirmation answers batch \(batchId) attempt \(attempt), but the file is batch \(file.batchId) attempt \(file.attempt)"))
        }
        let sent = Set(file.lines.map(\.paymentId))
        var seen: Set<String> = []
        for result in results {
            if !sent.contains(result.paymentId) {
                errors.append(BankConfirmationError(
                    line: nil, field: "payment_id",
                    message: "payment_id '\(result.paymentId)' is not in batch \(file.batchId) attempt \(file.attempt)"))
            }
            if !seen.insert(result.paymentId).inserted {
                errors.append(BankConfirmationError(
                    line: nil, field: "payment_id", message: "payment_id '\(result.paymentId)' is answered more than once"))
            }
        }
        return errors
    }

    private static func confirmationLine(_ record: CSVRecords.Record) throws(BankConfirmationError) -> ConfirmationLine {
        let fields = record.fields
        guard fields.count == header.count else {
            throw BankConfirmationError(
                line: record.line, field: nil,
                message: "expected \(header.count) fields (\(header.joined(separator: ","))), got \(fields.count)")
        }
        let (paymentId, status, bankReference, reason) = (fields[0], fields[1], fields[2], fields[3])
        guard !paymentId.isEmpty else {
            throw BankConfirmationError(line: record.line, field: "payment_id", message: "payment_id must not be empty")
        }
        // Each status carries exactly one explanation; a stray one would be dropped silently otherwise.
        switch status {
        case "PAID":
            guard !bankReference.isEmpty else {
                throw BankConfirmationError(line: record.line, field: "bank_reference", message: "bank_reference must not be empty for a PAID payment")
            }
            guard reason.isEmpty else {
                throw BankConfirmationError(line: record.line, field: "reason", message: "reason must be empty for a PAID payment, got '\(reason)'")
            }
            return ConfirmationLine(paymentId: paymentId, outcome: .paid(bankReference: bankReference))
        case "FAILED":
            guard !reason.isEmpty else {
                throw BankConfirmationError(line: record.line, field: "reason", message: "reason must not be empty for a FAILED payment")
            }
            guard bankReference.isEmpty else {
                throw BankConfirmationError(
                    line: record.line, field: "bank_reference", message: "bank_reference must be empty for a FAILED payment, got '\(bankReference)'")
            }
            return ConfirmationLine(paymentId: paymentId, outcome: .failed(reason: reason))
        default:
            throw BankConfirmationError(line: record.line, field: "status", message: "status must be PAID or FAILED, got '\(status)'")
        }
    }
}
