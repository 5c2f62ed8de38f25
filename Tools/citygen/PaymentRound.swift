import Foundation

/// Prepare → approve (by another officer) → send, then wait for the bank stand-in's confirmations
/// and retry failed lines, through disbursement's API.
struct PaymentRound: Sendable {
    struct Batch: Decodable, Sendable {
        var batchId: String
        var state: String
        var lines: Int
        var paid: Int
        var failed: Int
        var pending: Int
    }

    struct Outcome: Sendable {
        var batches = 0
        var lines = 0
        var paid = 0
        var failed = 0
        var pending = 0
        var ledgerFen: Int64 = 0
        var studentTimes = 0
    }

    let client: SuiteClient
    let disbursementURL: String
    let semester: String
    let progress: Progress

    func run(retries: Int) async throws -> Outcome {
        progress.begin("preparing batches for \(semester)", total: 1)
        let prepared = try await client.api.post("\(disbursementURL)/v1/batches", token: client.tokens.operatorToken, json: ["semester": semester])
        guard prepared.status == 200 else { throw LoadError("preparing batches", prepared) }
        let drafts = try prepared.json([Batch].self)
        progress.finish("\(drafts.count) batches, \(Figures.count(drafts.reduce(0) { $0 + $1.lines })) lines")
        try await approveAndSend(drafts.map(\.batchId))

        var batches = try await awaitConfirmations()
        for round in 0..<retries where batches.contains(where: { $0.failed > 0 && $0.state == "confirmed" }) {
            let failed = batches.filter { $0.failed > 0 && $0.state == "confirmed" }
            progress.say("retry \(round + 1): \(Figures.count(failed.reduce(0) { $0 + $1.failed })) failed lines in \(failed.count) batches")
            var again: [String] = []
            for batch in failed {
                let reply = try await client.api.send("POST", "\(disbursementURL)/v1/batches/\(batch.batchId)/retry", token: client.tokens.operatorToken)
                guard reply.status == 200 else { throw LoadError("retrying batch \(batch.batchId)", reply) }
                again.append(batch.batchId)
            }
            try await approveAndSend(again)
            batches = try await awaitConfirmations()
        }

        var outcome = Outcome()
        outcome.batches = batches.count
        for batch in batches {
            outcome.lines += batch.lines
            outcome.paid += batch.paid
            outcome.failed += batch.failed
            outcome.pending += batch.pending
        }
        struct Totals: Decodable { var totalFen: Int64; var studentTimes: Int }
        let totals = try await client.api.get("\(disbursementURL)/v1/ledger/totals", token: client.tokens.operatorToken)
        guard totals.status == 200 else { throw LoadError("ledger totals", totals) }
        let parsed = try totals.json(Totals.self)
        outcome.ledgerFen = parsed.totalFen
        outcome.studentTimes = parsed.studentTimes
        return outcome
    }

    private func approveAndSend(_ batchIds: [String]) async throws {
        progress.begin("approving and sending", total: batchIds.count)
        for (done, batchId) in batchIds.enumerated() {
            let url = "\(disbursementURL)/v1/batches/\(batchId)"
            let approved = try await client.api.send("POST", "\(url)/approve", token: client.tokens.approver)
            guard approved.status == 200 else { throw LoadError("approving \(batchId)", approved) }
            let sent = try await client.api.send("POST", "\(url)/send", token: client.tokens.operatorToken)
            guard sent.status == 200 else { throw LoadError("sending \(batchId)", sent) }
            progress.update(done + 1)
        }
        progress.finish("\(batchIds.count) batches sent to the bank")
    }

    /// Polls the semester's batches until none is still waiting for the bank (five minutes at most).
    private func awaitConfirmations() async throws -> [Batch] {
        let deadline = ContinuousClock.now + .seconds(300)
        var lastReport = ContinuousClock.now
        while true {
            let reply = try await client.api.get("\(disbursementURL)/v1/batches?semester=\(semester)", token: client.tokens.operatorToken)
            guard reply.status == 200 else { throw LoadError("listing batches", reply) }
            let batches = try reply.json([Batch].self)
            let waiting = batches.filter { $0.state == "sent" || $0.state == "partially-confirmed" }
            if waiting.isEmpty || ContinuousClock.now >= deadline { return batches }
            if ContinuousClock.now - lastReport >= .seconds(5) {
                lastReport = .now
                progress.say("waiting for the bank: \(waiting.count) of \(batches.count) batches not yet confirmed")
            }
            try await Task.sleep(for: .seconds(1))
        }
    }
}
