// swift-tools-version:6.1
// libFuzzer targets for territorio's parsers of outside input (built by scripts/fuzz.sh).
// The harnesses are compiled with -parse-as-library and linked with libFuzzer; their entry
// point runs libFuzzer's driver (FuzzDriver). The library under test is instrumented for
// coverage by the script's flags.
import PackageDescription

let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
let libFuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]

func fuzzTarget(_ name: String, path: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "TerritorioKit", package: "territorio"), "FuzzSupport", "FuzzDriver"],
        path: path,
        swiftSettings: harness,
        linkerSettings: libFuzzer)
}

let package = Package(
    name: "territorio-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "territorio", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "support"),
        .target(name: "FuzzDriver", path: "driver"),
        fuzzTarget("fuzz-csv", path: "csv"),
        fuzzTarget("fuzz-geojson", path: "geojson"),
        fuzzTarget("fuzz-openinghours", path: "openinghours"),
        fuzzTarget("fuzz-config", path: "config")
    ],
    swiftLanguageModes: [.v6]
)
