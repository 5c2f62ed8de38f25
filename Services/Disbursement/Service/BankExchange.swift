import DisbursementDomain
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import ServiceRuntime

/// The file drop shared with the bank: payment files go to `outgoing/`, the bank's confirmation
/// files arrive in `incoming/`. Every step is idempotent, so a crash anywhere only repeats work:
/// a file is exported again (same content), a confirmation is applied once (`applyConfirmation`).
/// With `standIn` set, a local bank stand-in answers the outgoing files through the same drop.
final class BankExchange: Service, Sendable {
    private let context: ServiceContext
    private let operations: PaymentOperations
    private let directory: URL
    private let standIn: BankStandIn?
    private let logger: Logger

    init(context: ServiceContext, directory: URL, standIn: BankStandIn?) {
        self.context = context
        operations = PaymentOperations(context: context)
        self.directory = directory
        self.standIn = standIn
        logger = context.logger
    }

    private var outgoing: URL { directory.appending(path: "outgoing") }
    private var answered: URL { outgoing.appending(path: "answered") }
    private var incoming: URL { directory.appending(path: "incoming") }
    private var applied: URL { incoming.appending(path: "applied") }
    private var rejected: URL { incoming.appending(path: "rejected") }

    func run() async throws {
        for folder in [outgoing, answered, incoming, applied, rejected] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        if standIn != nil {
            logger.notice("bank stand-in answers payment files (local only; not a real bank)", metadata: ["bank.dir": "\(directory.path)"])
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.exchangeOnce()
                } catch {
                    self.logger.warning("bank exchange round failed; will retry", metadata: [LogKey.error: "\(error)"])
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// One round: export, let the stand-in answer, import confirmations.
    func exchangeOnce() async throws {
        try await exportPaymentFiles()
        if let standIn { try answer(with: standIn) }
        try await importConfirmations()
    }

    private func exportPaymentFiles() async throws {
        let rows = try await context.database.query("""
            SELECT batch_id, attempt, content FROM payment_files WHERE exported_at IS NULL ORDER BY created_at LIMIT 100
            """)
        for try await (batchId, attempt, content) in rows.decode((String, Int, String).self) {
            try write(content, to: outgoing.appending(path: "\(batchId)-\(attempt).csv"))
            try await context.database.query("""
                UPDATE payment_files SET exported_at = now() WHERE batch_id = \(batchId) AND attempt = \(attempt)
                """)
        }
    }

    private func answer(with standIn: BankStandIn) throws {
        for file in try csvFiles(in: outgoing) {
            let payments = try PaymentFile.parse(String(contentsOf: file, encoding: .utf8))
            let confirmation = standIn.confirm(payments)
            try write(confirmation.render(), to: incoming.appending(path: file.lastPathComponent))
            try move(file, into: answered)
        }
    }

    private func importConfirmations() async throws {
        for file in try csvFiles(in: incoming) {
            let text = try String(contentsOf: file, encoding: .utf8)
            do {
                _ = try await operations.applyConfirmation(text)
                try move(file, into: applied)
            } catch let error as APIError {
                logger.error("bank confirmation rejected", metadata: ["file": "\(file.lastPathComponent)", "reason": "\(error.problems)"])
                try write(error.problems.map { "\($0.line.map { "line \($0): " } ?? "")\($0.rule)" }.joined(separator: "\n"),
                          to: rejected.appending(path: file.lastPathComponent + ".reason.txt"))
                try move(file, into: rejected)
            }
        }
    }

    private func csvFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Writes through a temporary name and renames, so a reader never sees half a file.
    private func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).tmp")
        try Data(text.utf8).write(to: temporary)
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: temporary, to: url)
    }

    private func move(_ file: URL, into folder: URL) throws {
        let target = folder.appending(path: file.lastPathComponent)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: file, to: target)
    }
}
