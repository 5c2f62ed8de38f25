// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target: Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let runtimeDependencies: [Target.Dependency] = [
    "ServiceRuntime", "Kafka", "AidContracts",
    .product(name: "PostgresNIO", package: "postgres-nio"),
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "Metrics", package: "swift-metrics"),
]

/// Each service is a library holding its wiring (so tests can start it in-process), an optional
/// pure domain library, and a thin executable. `directory` is the folder under `Services/`.
func service(_ directory: String, executable: String, hasDomain: Bool, extraDependencies: [Target.Dependency] = []) -> [Target] {
    var targets: [Target] = []
    var serviceDependencies = runtimeDependencies + extraDependencies
    if hasDomain {
        targets.append(.target(
            name: "\(directory)Domain",
            dependencies: ["AidContracts", .product(name: "SwiftCSV", package: "SwiftCSV")],
            path: "Services/\(directory)/Domain",
            swiftSettings: swiftSettings))
        serviceDependencies.append(.target(name: "\(directory)Domain"))
    }
    targets.append(.target(
        name: "\(directory)Service",
        dependencies: serviceDependencies,
        path: "Services/\(directory)/Service",
        swiftSettings: swiftSettings))
    if hasDomain {
        targets.append(.testTarget(
            name: "\(directory)DomainTests",
            dependencies: [.target(name: "\(directory)Domain")],
            path: "Tests/\(directory)DomainTests",
            swiftSettings: swiftSettings))
    }
    targets.append(.executableTarget(
        name: executable,
        dependencies: [.target(name: "\(directory)Service"), "ServiceRuntime"],
        path: "Services/\(directory)/Main",
        swiftSettings: swiftSettings))
    return targets
}

let package = Package(
    name: "precise-student-aid",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "identification", targets: ["identification"]),
        .executable(name: "disbursement", targets: ["disbursement"]),
        .executable(name: "charity", targets: ["charity"]),
        .executable(name: "pairing", targets: ["pairing"]),
        .executable(name: "training", targets: ["training"]),
        .executable(name: "inspection", targets: ["inspection"]),
        .executable(name: "aidctl", targets: ["aidctl"]),
        .executable(name: "citygen", targets: ["citygen"]),
        .executable(name: "dashboard", targets: ["dashboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.0"),
        // Only the OTLP/HTTP exporter (protobuf): the default traits would also build gRPC and its
        // HTTP/2 transport, which a collector's OTLP/HTTP port makes unnecessary.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // librdkafka's C API, nothing else.
        .systemLibrary(
            name: "CRdKafka",
            path: "Shared/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]),
        // The only module that imports CRdKafka: producer, consumer, admin.
        .target(
            name: "Kafka",
            dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Kafka",
            swiftSettings: swiftSettings),
        // Event contracts: pure Codable values, topic names, the CloudEvents envelope, JSON Schemas.
        .target(
            name: "AidContracts",
            path: "Shared/AidContracts",
            resources: [.copy("Schemas")],
            swiftSettings: swiftSettings),
        // What every service does the same way: config, logging/metrics, migrations, outbox,
        // inbox, consumer loop, auth, health routes, sealing of personal data.
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "Kafka", "AidContracts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            path: "Shared/ServiceRuntime",
            swiftSettings: swiftSettings),
        // The services' HTTP APIs seen from outside (aidctl, citygen, the benchmark, the tests):
        // bearer token in; status, headers, body and the service's error findings out.
        .target(
            name: "APIClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Shared/APIClient",
            swiftSettings: swiftSettings),

        // The operator's command-line tool.
        .executableTarget(
            name: "aidctl",
            dependencies: [
                "ServiceRuntime", "AidContracts", "Kafka", "APIClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/aidctl",
            swiftSettings: swiftSettings),
        // Live city figures, built only from the event topics.
        .executableTarget(
            name: "dashboard",
            dependencies: [
                "ServiceRuntime", "Kafka", "AidContracts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Tools/dashboard",
            swiftSettings: swiftSettings),
        // Run on purpose, never by `swift test`: the money path against raw broker and PostgreSQL
        // baselines (Benchmarks/README.md).
        .executableTarget(
            name: "money-path-benchmark",
            dependencies: [
                "Kafka", "AidContracts", "ServiceRuntime", "DisbursementDomain", "APIClient",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/MoneyPath",
            swiftSettings: swiftSettings),

        .testTarget(
            name: "ServiceRuntimeTests",
            dependencies: ["ServiceRuntime"],
            path: "Tests/ServiceRuntimeTests",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka", "TestSupport"],
            path: "Tests/KafkaTests",
            swiftSettings: swiftSettings),
        // Against the real PostgreSQL and broker, driving the real executables.
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "ServiceRuntime", "Kafka", "AidContracts", "IdentificationDomain", "DisbursementDomain", "TestSupport", "APIClient",
                // Their migrations, to build a schema as it was before names were sealed.
                "TrainingService", "PairingService",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/IntegrationTests",
            // Run by BrowserCheck with the venv's Python, from the source tree.
            exclude: ["Browser"],
            swiftSettings: swiftSettings),
        // Shared by the test targets: JSON Schema validation with Python's reference validator.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AidContractsTests",
            dependencies: ["AidContracts", "TestSupport"],
            path: "Tests/AidContractsTests",
            swiftSettings: swiftSettings),
        // A seeded synthetic city (roster, registry lists, applications, care rooms, charity,
        // training) and the tool that writes it to files and loads it through the services' APIs.
        .target(
            name: "CityGenerator",
            dependencies: ["AidContracts", "IdentificationDomain"],
            path: "Tools/CityGenerator",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "citygen",
            dependencies: [
                "CityGenerator", "AidContracts", "IdentificationDomain", "DisbursementDomain", "ServiceRuntime", "APIClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/citygen",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CityGeneratorTests",
            dependencies: ["CityGenerator", "AidContracts", "IdentificationDomain", "DisbursementDomain"],
            path: "Tests/CityGeneratorTests",
            swiftSettings: swiftSettings),
    ]
        + service("Identification", executable: "identification", hasDomain: true)
        + service("Disbursement", executable: "disbursement", hasDomain: true)
        + service("Charity", executable: "charity", hasDomain: true)
        + service("Pairing", executable: "pairing", hasDomain: true)
        + service("Training", executable: "training", hasDomain: true)
        + service("Inspection", executable: "inspection", hasDomain: true)
)
