// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "leave-portal",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leave-portal", targets: ["leave-portal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: no framework, database or network imports.
        .target(name: "LeaveCore"),
        .target(
            name: "LeaveStore",
            dependencies: [
                "LeaveCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // libxml2 from the system (libxml2-dev), for streaming the MIS's CTF files.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "LeaveImport", dependencies: ["LeaveCore", "CLibXML2"]),
        // Pango and Cairo from the system (libpango1.0-dev, libcairo2-dev), for the letters as PDF.
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .target(name: "LeaveLetters", dependencies: ["LeaveCore", "CPangoCairo", .product(name: "Yams", package: "Yams")]),
        // The use cases, framework-free: what the web pages and the command line both call.
        // bcrypt (no web framework) and NIO's thread pool keep password hashing off the callers' threads.
        .target(
            name: "LeaveServices",
            dependencies: [
                "LeaveCore", "LeaveStore", "LeaveImport", "LeaveLetters",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LeaveWeb",
            dependencies: [
                "LeaveCore", "LeaveStore", "LeaveServices", "LeaveImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "leave-portal",
            dependencies: [
                "LeaveCore", "LeaveStore", "LeaveServices", "LeaveWeb", "LeaveImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "import-benchmark",
            dependencies: ["LeaveCore", "LeaveStore", "LeaveImport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/ImportBenchmark"
        ),
        .executableTarget(name: "evaluate-benchmark", dependencies: ["LeaveCore"], path: "Benchmarks/EvaluateBenchmark"),
        .executableTarget(name: "letter-benchmark", dependencies: ["LeaveCore", "LeaveLetters"], path: "Benchmarks/LetterBenchmark"),
        .executableTarget(
            name: "web-bench-setup",
            dependencies: ["LeaveCore", "LeaveStore", "LeaveServices", "LeaveImport"],
            path: "Benchmarks/WebBenchSetup"
        ),
        .testTarget(name: "LeaveCoreTests", dependencies: ["LeaveCore"]),
        .testTarget(
            name: "LeaveStoreTests",
            dependencies: ["LeaveCore", "LeaveStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "LeaveLettersTests", dependencies: ["LeaveCore", "LeaveLetters"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LeaveImportTests",
            dependencies: ["LeaveCore", "LeaveStore", "LeaveImport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LeaveServicesTests",
            dependencies: ["LeaveCore", "LeaveStore", "LeaveServices", "LeaveImport", "LeaveLetters", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "LeaveWebTests",
            dependencies: [
                "LeaveCore", "LeaveStore", "LeaveServices", "LeaveWeb", "LeaveImport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["__Snapshots__"]
        ),
    ]
)
