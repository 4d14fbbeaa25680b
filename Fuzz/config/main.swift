import Foundation
import FuzzDriver
import FuzzSupport

@testable import TerritorioCore
@testable import TerritorioIO

// The TOML analysis configuration: any text gives a configuration or a ConfigError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = FuzzInput.write(data, size, suffix: ".toml")
    _ = try? AnalysisConfig.load(path: path)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test.
@_cdecl("fuzz_config_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    territorio_fuzz_run(argc, argv, fuzzConfig)
}
