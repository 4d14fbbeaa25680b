import ArgumentParser
import Foundation
import TerritorioKit

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database's health and say what to do.",
        discussion: """
            Integrity and foreign keys, spatial indexes (SpatiaLite's CheckSpatialIndex), validity of \
            the boundaries, rows naming missing municipalities, schema migrations and free disk space. \
            On PostGIS: the server's and PostGIS's versions, schema migrations, counts, rows naming \
            missing municipalities, ST_IsValid on the boundaries and a GiST index per geometry column. \
            Changes nothing (unless --repair); safe while the web app runs. Exit code 0 when healthy or with warnings, \
            1 when a problem was found.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Rebuild spatial indexes that no longer match their geometries, then check again.")
    var repair = false

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            if repair, let local = store as? Store {
                let repaired = try local.repairSpatialIndexes()
                say(
                    repaired.isEmpty
                        ? "No spatial index needed repair." : "Rebuilt: \(repaired.joined(separator: ", ")).")
            } else if repair {
                say(Messages.text("pgcmds.doctor.repair"))
            }
            let report = try await store.doctor()
            if json {
                print(try JSONOutput.text(report))
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
        let verdict =
            switch report.verdict {
            case .ok: "healthy"
            case .warning: "usable, with warnings (see above)"
            case .problem: "PROBLEMS FOUND: follow the advice above before using it"
            }
        lines.append("Verdict: \(verdict).")
        return lines.joined(separator: "\n")
    }
}
