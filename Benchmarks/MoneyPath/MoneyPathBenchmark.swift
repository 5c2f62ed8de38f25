import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceRuntime

/// Measures the disbursement money path against raw broker and PostgreSQL baselines for the same N
/// records and prints the figures. A benchmark, run on purpose (see Benchmarks/README.md); it
/// checks nothing.
@main
struct MoneyPathBenchmark {
    static func main() async {
        // Standard output carries the figures only; diagnostics go to standard error.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            try await run(options).print()
        } catch {
            FileHandle.standardError.write(Data("money-path-benchmark: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func run(_ options: BenchmarkOptions) async throws -> BenchmarkReport {
        let environment = try BenchmarkEnvironment()
        try LibrdkafkaVersion.requireAtLeast(environment.configuration.minimumLibrdkafka)
        let students = IdentifiedStudents(count: options.students)
        let loadAtStart = LoadAverage.oneMinute() ?? "?"
        let database = try environment.database()
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await database.client.run() }
            defer { tasks.cancelAll() }

            progress("money path: \(students.count) students → disbursement (schema \(environment.schema)) → ledger")
            let (moneyPath, disbursementPeak) = try await measureMoneyPath(students, environment: environment, database: database)
            // The baselines run after the service has stopped, so they do not share the CPU with it.
            progress("broker round trip: \(students.count) records")
            let broker = try await BrokerRoundTrip(environment: environment).measure(students)
            progress("PostgreSQL inserts: \(students.count) records")
            let postgres = try await PostgresInserts(database: database).measure(students)
            let postgresVersion = try await database.query("SHOW server_version").collect().first?.decode(String.self) ?? "?"

            return BenchmarkReport(
                run: [ISO8601DateFormatter().string(from: Date()), "\(students.count) students"],
                machine: [
                    "\(ProcessInfo.processInfo.activeProcessorCount) cores", "load \(loadAtStart) at start",
                    "librdkafka \(LibrdkafkaVersion.loaded)", "broker \(environment.configuration.kafka.bootstrapServers)",
                    "PostgreSQL \(postgresVersion)",
                ],
                moneyPath: moneyPath, broker: broker, postgres: postgres,
                disbursementPeakBytes: disbursementPeak, benchmarkPeakBytes: PeakMemory.peakResidentBytes())
        }
    }

    /// Starts disbursement in a schema and topic prefix of its own, runs the money path, reads the
    /// service's peak memory while it still runs, then stops it and drops its schema.
    private static func measureMoneyPath(
        _ students: IdentifiedStudents, environment: BenchmarkEnvironment, database: Database
    ) async throws -> (MoneyPathFigures, Int?) {
        var serviceEnvironment = ProcessInfo.processInfo.environment
        serviceEnvironment.merge([
            "POSTGRES_SCHEMA": environment.schema,
            "KAFKA_TOPIC_PREFIX": environment.topicPrefix,
            "BANK_MODE": "stand-in",
            "BANK_EXCHANGE_DIR": environment.bankDirectory.path,
            // Every line is paid at the first attempt, so the figures contain no retry rounds.
            "BANK_STANDIN_FAILURE_RATE": "0",
            "AUTH_SIGNING_KEY": ServiceConfiguration.developmentSigningKey,
            "LOG_LEVEL": "warning",
        ]) { _, new in new }
        let service = try DisbursementProcess(
            executable: environment.binaries.appending(path: "disbursement"),
            environment: serviceEnvironment, logFile: environment.serviceLog)
        let producer = try KafkaProducer(configuration: environment.kafka, logger: environment.logger)

        func cleanUp() async throws {
            await producer.close()
            await service.stop()
            try await database.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(environment.schema) CASCADE"))
            try? FileManager.default.removeItem(at: environment.bankDirectory)
        }
        do {
            try await service.start()
            let api = try await PaymentAPI(baseURL: service.baseURL, signingKey: ServiceConfiguration.developmentSigningKey)
            let figures = try await MoneyPathRun(
                students: students, api: api, database: database, producer: producer,
                topicPrefix: environment.topicPrefix, serviceLog: environment.serviceLog.path
            ).measure()
            let peak = PeakMemory.peakResidentBytes(pid: "\(service.pid)")
            try await cleanUp()
            // The log only matters when something went wrong; the error then names it.
            try? FileManager.default.removeItem(at: environment.serviceLog)
            return (figures, peak)
        } catch {
            try? await cleanUp()
            throw error
        }
    }

    private static func progress(_ text: String) {
        FileHandle.standardError.write(Data("· \(text)\n".utf8))
    }
}
