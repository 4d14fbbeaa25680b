import Foundation
import TerritorioCore

extension HealthReport.Check {
    /// The schema check of either backend: migrations this version does not know (a newer
    /// territorio made the database), migrations not applied yet, or all applied.
    public static func schema(applied: [String], known: [String]) -> Self {
        let missing = known.filter { !applied.contains($0) }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            return Self(
                name: "schema", status: .warning,
                detail: Messages.text("pgcmds.doctor.schema_newer", ("list", unknown.joined(separator: ", "))),
                advice: Messages.text("pgcmds.doctor.schema_newer_advice"))
        }
        guard missing.isEmpty else {
            return Self(
                name: "schema", status: .warning,
                detail: Messages.text("pgcmds.doctor.schema_missing", ("count", missing.count)),
                advice: Messages.text("pgcmds.doctor.schema_missing_advice"))
        }
        return Self(
            name: "schema", status: .ok, detail: Messages.text("pgcmds.doctor.schema_ok", ("count", applied.count)),
            advice: nil)
    }
}
