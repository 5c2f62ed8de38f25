import CityGenerator
import Foundation

extension CityLoader {
    /// Runs `work` on every record of a JSON-lines file, up to `concurrency` at once, reporting
    /// progress as `step`; returns the results in the order they finished. The file is read as the
    /// work goes, so only the records in flight are in memory.
    func eachRecord<Record: Decodable & Sendable, Result: Sendable>(
        _ file: CityFile, as type: Record.Type, step: String, concurrency: Int,
        _ work: @escaping @Sendable (Record) async throws -> Result
    ) async throws -> [Result] {
        progress.begin(step, total: manifest.files.first { $0.name == file.rawValue }?.records ?? 0)
        let reader = try LineReader(self.file(file))
        let decoder = JSONDecoder()
        var results: [Result] = []
        try await withThrowingTaskGroup(of: Result.self) { group in
            var inFlight = 0
            while let line = try reader.next() {
                guard !line.isEmpty else { continue }
                let record = try decoder.decode(Record.self, from: Data(line.utf8))
                if inFlight == concurrency, let result = try await group.next() {
                    results.append(result)
                    inFlight -= 1
                    progress.update(results.count)
                }
                group.addTask { try await work(record) }
                inFlight += 1
            }
            for try await result in group {
                results.append(result)
                progress.update(results.count)
            }
        }
        return results
    }

    /// Posts (or puts) one record whose school a service learns from the roster topic; true when
    /// created, false when it exists already. A 404 naming the school means the school's
    /// registration has not reached the service yet: wait and try again, for up to two minutes.
    func sendWaitingForRoster(_ url: String, method: String = "POST", token: String, body: some Encodable, what: String) async throws -> Bool {
        let data = try JSONEncoder().encode(body)
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            let reply = try await client.api.send(method, url, token: token, body: data)
            switch reply.status {
            case 200, 201: return true
            case 409: return false
            case 404 where ["schoolId", "id"].contains(reply.errorField) && ContinuousClock.now < deadline:
                try await Task.sleep(for: .seconds(1))
            default: throw LoadError(what, reply)
            }
        }
    }
}
