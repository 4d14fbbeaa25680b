import Foundation
import FuzzDriver
import FuzzSupport

@testable import TerritorioCore

// The OSM opening_hours parser, and the printing of what it parsed: a value it accepts must
// print back to one it accepts again, with the same meaning.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpeningHours(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let hours = try? OpeningHours.parse(text) else { return 0 }
    _ = hours.week
    _ = hours.closedOnPublicHolidays
    guard let again = try? OpeningHours.parse(hours.description) else {
        fatalError("\(hours.description) (printed from \(text)) does not parse")
    }
    if again.week != hours.week { fatalError("\(text) and its printed form \(hours.description) differ") }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test.
@_cdecl("fuzz_openinghours_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    territorio_fuzz_run(argc, argv, fuzzOpeningHours)
}
