// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "territorio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "territorio", targets: ["territorio"]),
        .library(name: "TerritorioKit", targets: ["TerritorioKit"]),
        .library(name: "TerritorioPostGIS", targets: ["TerritorioPostGIS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
    ],
    targets: [
        // System libraries: shims only, no code.
        .systemLibrary(
            name: "CSpatiaLite",
            pkgConfig: "spatialite",
            providers: [.apt(["libspatialite-dev", "libsqlite3-dev"])]),
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]),
        // The embedded default's files, compiled into the binary by the EmbedData plugin.
        .executableTarget(name: "embed-data"),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["embed-data"]),
        .target(name: "TerritorioData", plugins: ["EmbedData"]),
        .target(
            name: "TerritorioKit",
            dependencies: [
                "CSpatiaLite", "CGEOS", "TerritorioData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // The PostGIS backend: the only target that speaks PostgreSQL (TerritorioKit stays free of it).
        .target(
            name: "TerritorioPostGIS",
            dependencies: [
                "TerritorioKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "territorio",
            dependencies: [
                "TerritorioKit", "TerritorioPostGIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "TerritorioKitTests",
            dependencies: ["TerritorioKit", "TerritorioPostGIS"]),
    ],
    swiftLanguageModes: [.v6]
)
