import ArgumentParser
import Foundation
import TerritorioKit

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database's health and say what to do.",
        discussion: """
            Integrity and foreign keys, spatial indexes (SpatiaLite's CheckSpatialIndex), validity of \
            the boundaries, rows naming missing municipalities, schema migrations and free disk space. \
            Changes nothing; safe while the web app runs. Exit code 0 when healthy or with warnings, \
            1 when a problem was found.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try reportingFailures {
            let report = try Store.open(at: global.existingDatabase()).doctor()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(Self.text(report))
            }
            guard report.verdict != .problem else { throw ExitCode.failure }
        }
    }

    static func text(_ report: HealthReport) -> String {
        let marks: [HealthReport.Status: String] = [.ok: "ok     ", .warning: "WARNING", .problem: "PROBLEM"]
        var lines = ["Database: \(report.database)"]
        for check in report.checks {
            lines.append("  \(marks[check.status]!)  \(check.name): \(check.detail)")
            if let advice = check.advice { lines.append("           → \(advice)") }
        }
        let verdict = switch report.verdict {
        case .ok: "healthy"
        case .warning: "usable, with warnings (see above)"
        case .problem: "PROBLEMS FOUND: follow the advice above before using it"
        }
        lines.append("Verdict: \(verdict).")
        return lines.joined(separator: "\n")
    }
}
