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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
        .systemLibrary(
            name: "CRsvg",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev", "libpng-dev"])]),
        // The embedded default's files, compiled into the binary by the EmbedData plugin.
        .executableTarget(name: "embed-data"),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["embed-data"]),
        .target(name: "TerritorioData", plugins: ["EmbedData"]),
        // The layers, bottom up (docs/architecture.md). Core: domain values and pure logic, no GRDB, no C.
        .target(
            name: "TerritorioCore",
            dependencies: ["TerritorioData"]),
        // The GEOS layer: validity, repair, areas, point-in-polygon.
        .target(name: "TerritorioGeometry", dependencies: ["TerritorioCore", "CGEOS"]),
        // Reading and writing files: boundaries, population, services, survey forms (XLSForm/XLSX),
        // analysis configuration (TOML), exports (GeoJSON, CSV, HSDS, research data).
        .target(
            name: "TerritorioIO",
            dependencies: [
                "TerritorioCore", "TerritorioGeometry",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // The store's use-case protocols, which every backend implements.
        .target(
            name: "TerritorioStoreAPI",
            dependencies: ["TerritorioCore", "TerritorioIO", .product(name: "Crypto", package: "swift-crypto")]),
        // The SpatiaLite store: the only target that imports GRDB and SpatiaLite.
        .target(
            name: "TerritorioStore",
            dependencies: [
                "TerritorioCore", "TerritorioGeometry", "TerritorioIO", "TerritorioStoreAPI", "CSpatiaLite",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Maps (SVG), the poster, legends.
        .target(name: "TerritorioRender", dependencies: ["TerritorioCore", "CRsvg"]),
        // Orchestration (the demo, survey ingest, store-fed reports) on top of every layer, which it
        // re-exports: the CLI, the server and the tests `import TerritorioKit`.
        .target(
            name: "TerritorioKit",
            dependencies: [
                "TerritorioCore", "TerritorioGeometry", "TerritorioIO", "TerritorioStoreAPI", "TerritorioStore",
                "TerritorioRender", "TerritorioData",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // `territorio serve`: the working group's web app and the OGC API.
        .target(
            name: "TerritorioServer",
            dependencies: [
                "TerritorioKit", "TerritorioData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The PostGIS backend: the only target that speaks PostgreSQL (TerritorioKit stays free of it).
        .target(
            name: "TerritorioPostGIS",
            dependencies: [
                "TerritorioCore", "TerritorioIO", "TerritorioStoreAPI",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "territorio",
            dependencies: [
                "TerritorioKit", "TerritorioServer", "TerritorioPostGIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "TerritorioKitTests",
            dependencies: [
                "TerritorioKit", "TerritorioCore", "TerritorioGeometry", "TerritorioIO", "TerritorioStoreAPI",
                "TerritorioStore", "TerritorioRender", "TerritorioPostGIS",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "TerritorioServerTests",
            dependencies: [
                "TerritorioServer", "TerritorioKit", "TerritorioData", "TerritorioPostGIS",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
