import Foundation
import TerritorioCore

extension ServiceFile {
    /// One service typed in a form (the web app's service page) as a one-record file, so that it
    /// goes through ``ServiceCheck`` like a row of `import services`: the same rules, the same
    /// messages. `fields` are keyed by ``Service/columns``; their text is trimmed.
    public static func form(_ fields: [String: String], source: String) -> ServiceFile {
        let trimmed = fields.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let problems = trimmed.keys.sorted().filter { trimmed[$0]!.utf8.contains(0) }.map {
            InputProblem(.file, field: $0, CSVStream.nulMessage)
        }
        return ServiceFile(
            file: source, records: [Record(location: .file, fields: trimmed, problems: problems)],
            columns: Set(Service.columns))
    }
}
