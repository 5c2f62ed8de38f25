import Foundation

/// Waits until disbursement has caught up with identification: identification has published
/// nothing new and disbursement's consumer has handled nothing new for a few seconds in a row.
/// Read from the services' open `/metrics` endpoints, nothing else.
struct Settling: Sendable {
    let client: SuiteClient
    let identificationURL: String
    let disbursementURL: String
    var quietFor: Duration = .seconds(4)
    var timeout: Duration = .seconds(900)

    /// Returns the events disbursement handled while waiting.
    func wait(progress: Progress) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        var last: (published: Double, handled: Double)?
        var quietSince = ContinuousClock.now
        var firstHandled: Double?
        var lastReport = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let published = try await sum("aid_outbox_published_total", at: identificationURL)
            let handled = try await sum("aid_events_processed_total", at: disbursementURL, group: "disbursement")
                + sum("aid_events_duplicate_total", at: disbursementURL, group: "disbursement")
                + sum("aid_events_dead_lettered_total", at: disbursementURL, group: "disbursement")
            firstHandled = firstHandled ?? handled
            if let last, last.published == published, last.handled == handled {
                if ContinuousClock.now - quietSince >= quietFor { return Int(handled - (firstHandled ?? handled)) }
            } else {
                quietSince = .now
            }
            last = (published, handled)
            if ContinuousClock.now - lastReport >= .seconds(5) {
                lastReport = .now
                progress.say("waiting for disbursement to catch up: \(Figures.count(Int(handled - (firstHandled ?? handled)))) events handled so far")
            }
            try await Task.sleep(for: .seconds(1))
        }
        throw LoadError("disbursement was still handling events after \(Figures.seconds(timeout))")
    }

    /// The sum of a Prometheus metric's samples (optionally of one consumer group).
    private func sum(_ metric: String, at baseURL: String, group: String? = nil) async throws -> Double {
        let reply = try await client.api.send("GET", "\(baseURL)/metrics", token: nil)
        guard reply.status == 200 else { throw LoadError("metrics of \(baseURL)", reply) }
        var total = 0.0
        for line in reply.text.split(separator: "\n") where line.hasPrefix(metric) && !line.hasPrefix("#") {
            let name = line.prefix { $0 != " " && $0 != "{" }
            guard name == metric else { continue }
            if let group, !line.contains("group=\"\(group)\"") { continue }
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { total += value }
        }
        return total
    }
}
