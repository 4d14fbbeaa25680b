import Foundation
import FuzzDriver
import FuzzSupport

@testable import TerritorioCore
@testable import TerritorioIO

// The GeoJSON reader and the boundary and service readers on top of it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    if let features = try? GeoJSONReader.features(from: bytes), !features.isEmpty {
        _ = try? BoundaryFile.check(features, file: "fuzz.geojson", fields: BoundaryFile.Fields())
    }
    let path = FuzzInput.write(data, size, suffix: ".geojson")
    _ = try? ServiceFile.read(path: path)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test.
@_cdecl("fuzz_geojson_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    territorio_fuzz_run(argc, argv, fuzzGeoJSON)
}
