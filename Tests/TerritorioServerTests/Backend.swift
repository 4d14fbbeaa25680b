import Foundation
import Testing

/// The store backends the web app's route tests run on: SpatiaLite, and PostGIS when a server
/// is named by `TERRITORIO_TEST_POSTGRES` or under CI (where a missing server fails the cases;
/// see ``ServerPostgres``).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case spatiaLite, postGIS

    var testDescription: String { rawValue }

    static var all: [Backend] {
        let environment = ProcessInfo.processInfo.environment
        let expected = !(environment["TERRITORIO_TEST_POSTGRES"] ?? "").isEmpty || environment["CI"] == "true"
        return expected ? allCases : [.spatiaLite]
    }
}
