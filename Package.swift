// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "kasir",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kasir", targets: ["kasir"]),
        .library(name: "DokuSNAP", targets: ["DokuSNAP"]),
        .library(name: "DokuSandbox", targets: ["DokuSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    ],
    targets: [
        .target(
            name: "DokuSNAP",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "DokuSandbox",
            dependencies: [
                "DokuSNAP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(name: "KasirCore", dependencies: ["DokuSNAP", .product(name: "Logging", package: "swift-log")]),
        .target(name: "KasirStore", dependencies: ["KasirCore", "DokuSNAP", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "KasirPostgres",
            dependencies: [
                "KasirCore", "DokuSNAP",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NotificationServer",
            dependencies: [
                "KasirCore", "DokuSNAP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "KasirRuntime",
            dependencies: [
                "DokuSNAP", "KasirCore", "KasirStore", "KasirPostgres", "KasirConfig", "NotificationServer", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "KasirConfig", dependencies: ["DokuSNAP", "KasirCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "TerminalUI"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "QRCodes", dependencies: ["CQREncode", "TerminalUI"]),
        .target(name: "NcursesTerminal", dependencies: ["CNcurses", "TerminalUI"]),
        .target(name: "KasirConsole", dependencies: ["KasirCore", "DokuSNAP", "TerminalUI", "QRCodes"]),
        .executableTarget(
            name: "kasir",
            dependencies: [
                "DokuSNAP",
                "DokuSandbox",
                "KasirCore",
                "KasirStore",
                "KasirPostgres",
                "KasirConfig",
                "KasirRuntime",
                "NotificationServer",
                "TerminalUI",
                "NcursesTerminal",
                "QRCodes",
                "KasirConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "kasir-bench",
            dependencies: [
                "DokuSNAP", "DokuSandbox", "KasirCore", "KasirStore", "KasirPostgres", "KasirRuntime", "NotificationServer", "TerminalUI", "KasirConsole",
                "KasirTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "KasirTestSupport", dependencies: ["TerminalUI"], path: "Tests/KasirTestSupport"),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "QRCodes", "NcursesTerminal", "KasirTestSupport"], exclude: ["Snapshots"]),
        .testTarget(
            name: "KasirConsoleTests", dependencies: ["KasirConsole", "KasirCore", "DokuSNAP", "TerminalUI", "KasirTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "KasirCoreTests",
            dependencies: ["KasirCore", "KasirStore", "KasirPostgres", "KasirConfig", "DokuSNAP", "KasirTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "KasirCore", "KasirStore", "KasirPostgres", "KasirRuntime", "NotificationServer", "DokuSNAP", "DokuSandbox", "KasirTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DokuSNAPTests",
            dependencies: [
                "DokuSNAP", "KasirTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DokuSandboxTests",
            dependencies: [
                "DokuSNAP",
                "DokuSandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
