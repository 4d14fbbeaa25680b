import Foundation
import FuzzDriver
import FuzzSupport

@testable import TerritorioCore
@testable import TerritorioIO

// The CSV reader with its dialect and encoding sniffer, the whole-file table on top of it and
// the services reader: any bytes must give records or an InputError, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = FuzzInput.write(data, size, suffix: ".csv")
    if let stream = try? CSVStream(path: path) {
        while let record = try? stream.next() { _ = record.shapeProblems(columns: 3) }
    }
    _ = try? CSVStream.table(path: path, strict: false)
    if let file = try? ServiceFile.read(path: path) {
        for record in file.records { _ = record("opening_hours") }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    territorio_fuzz_run(argc, argv, fuzzCSV)
}
