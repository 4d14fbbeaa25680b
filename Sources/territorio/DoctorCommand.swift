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
                        ? text("msg3.doctor.repaired_none")
                        : text("msg3.doctor.repaired", ("list", repaired.joined(separator: ", "))))
            } else if repair {
                say(Messages.text("pgcmds.doctor.repair"))
            }
            let report = try await store.doctor()
            if json {
                print(try JSONOutput.text(report))
            } else {
                print(Self.lines(report))
            }
            guard report.verdict != .problem else { throw ExitCode.failure }
        }
    }

    static func lines(_ report: HealthReport) -> String {
        let marks = [HealthReport.Status.ok, .warning, .problem].map { text("msg3.doctor.mark_\($0.rawValue)") }
        let width = marks.map(\.count).max() ?? 0
        func mark(_ s: HealthReport.Status) -> String {
            let m = text("msg3.doctor.mark_\(s.rawValue)")
            return m + String(repeating: " ", count: width - m.count)
        }
        var lines = [text("msg3.doctor.database", ("db", report.database))]
        for check in report.checks {
            lines.append("  \(mark(check.status))  \(label(check.name)): \(check.detail)")
            if let advice = check.advice { lines.append(String(repeating: " ", count: width + 4) + "→ \(advice)") }
        }
        let verdict = text("msg3.doctor.verdict_\(report.verdict.rawValue)")
        lines.append(text("msg3.doctor.verdict", ("verdict", verdict)))
        return lines.joined(separator: "\n")
    }

    /// A check's name in the user's language ("spatial index submission.geom" keeps its column).
    static func label(_ name: String) -> String {
        let index = "spatial index "
        if name.hasPrefix(index) {
            return text("msg3.doctor.check.spatial_index", ("column", String(name.dropFirst(index.count))))
        }
        let key = "msg3.doctor.check." + name.replacingOccurrences(of: " ", with: "_")
        let label = text(key)
        return label == key ? name : label
    }
}
