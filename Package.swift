// swift-tools-version:6.1
import PackageDescription

/// One settings list for every target (as hummingbird's Package.swift does).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyMatch", targets: ["ParleyMatch"]),
        .library(name: "ParleyCrypto", targets: ["ParleyCrypto"]),
        .library(name: "ParleyLog", targets: ["ParleyLog"]),
        .library(name: "ParleyStore", targets: ["ParleyStore"]),
        .library(name: "ParleyParty", targets: ["ParleyParty"]),
        .library(name: "ParleyWire", targets: ["ParleyWire"]),
        .library(name: "ParleySync", targets: ["ParleySync"]),
        .library(name: "ParleyServer", targets: ["ParleyServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-structured-headers.git", from: "1.7.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "ParleyCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "ParleyMatch",
            dependencies: ["CZlib"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyLog",
            dependencies: ["ParleyCrypto", "ParleyMatch"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyParty",
            dependencies: ["ParleyCrypto", "ParleyLog", "ParleyMatch", "ParleyStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyWire",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleySync",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                "ParleyWire",
                "ParleyStore",
                "ParleyParty",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                "ParleyStore",
                "ParleyWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyWorkspace",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                "ParleyMatch",
                "ParleyStore",
                "ParleyParty",
                "ParleySync",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyMatch",
                "ParleyCrypto",
                "ParleyLog",
                "ParleyStore",
                "ParleyParty",
                "ParleyWire",
                "ParleySync",
                "ParleyServer",
                "ParleyWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parley-bench",
            dependencies: ["ParleyMatch", "ParleyCrypto", "ParleyLog", "ParleyStore", "ParleyParty", "ParleyWire", "ParleySync", "ParleyServer"],
            path: "Sources/ParleyBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyMatchTests",
            dependencies: ["ParleyMatch"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyCryptoTests",
            dependencies: ["ParleyCrypto"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyLogTests",
            dependencies: ["ParleyLog"],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyStoreTests",
            dependencies: ["ParleyStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyPartyTests",
            dependencies: ["ParleyParty", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyWireTests",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                "ParleyWire",
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer",
                "ParleyParty",
                "ParleyWire",
                "ParleySync",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyAttackTests",
            dependencies: [
                "ParleyCrypto",
                "ParleyLog",
                "ParleyParty",
                "ParleyStore",
                "ParleyWire",
                "ParleySync",
                "ParleyServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyWorkspaceTests",
            dependencies: [
                "ParleyWorkspace",
                "ParleyCrypto",
                "ParleyMatch",
                "ParleyParty",
                "ParleyLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyCLITests",
            dependencies: ["parley", "ParleyLog", "ParleyCrypto", "ParleyMatch", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzzing (PARLEY_FUZZ=1; scripts/fuzz.sh)

/// The libFuzzer harnesses, one executable each (`Fuzz/NAME/NAME.swift`, defining
/// `LLVMFuzzerTestOneInput`), with the modules each reads through.
let fuzzHarnesses: [(name: String, modules: [String])] = [
    ("FuzzCanonicalJSON", ["ParleyLog"]),
    ("FuzzEnvelope", ["ParleyLog"]),
    ("FuzzWire", ["ParleyWire", "ParleyLog"]),
    ("FuzzSignature", ["ParleyWire", "ParleyCrypto"]),
    ("FuzzBundle", ["ParleyWire"]),
    ("FuzzCSV", ["ParleyMatch"]),
    ("FuzzXLSX", ["ParleyMatch"]),
]

// With PARLEY_FUZZ set (and only then) the package is the harnesses and the modules they read
// through, nothing else: ParleyWire and what it imports, and of the package dependencies only
// swift-http-structured-headers (ParleyWire's), so the sanitizer build (`swift build
// --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer`) compiles a few modules, not NIO, GRDB
// and PostgresNIO.
if Context.environment["PARLEY_FUZZ"] != nil {
    package.dependencies = package.dependencies.filter { dependency in
        if case let .sourceControl(_, location, _) = dependency.kind {
            return location.hasSuffix("/swift-http-structured-headers.git")
        }
        return false
    }
    package.products = fuzzHarnesses.map { .executable(name: $0.name, targets: [$0.name]) }
    // The modules the harnesses read through, and what they depend on.
    var kept = Set<String>()
    var pending = fuzzHarnesses.flatMap(\.modules)
    while let name = pending.popLast() {
        guard kept.insert(name).inserted, let target = package.targets.first(where: { $0.name == name }) else { continue }
        for dependency in target.dependencies {
            switch dependency {
            case let .targetItem(name, _), let .byNameItem(name, _): pending.append(name)
            default: break
            }
        }
    }
    package.targets = package.targets.filter { kept.contains($0.name) } + fuzzHarnesses.map { harness in
        .executableTarget(
            name: harness.name,
            dependencies: harness.modules.map { .target(name: $0) },
            path: "Fuzz/\(harness.name)",
            swiftSettings: swiftSettings
        )
    }
}
