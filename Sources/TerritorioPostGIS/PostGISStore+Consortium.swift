import PostgresNIO
import TerritorioCore
import TerritorioIO

extension PostGISStore {
    /// Makes exactly the municipalities of `file` the consortium's members, in one transaction
    /// (and their zones, when the file has them). An unknown code is an error naming its row, and
    /// nothing changes.
    public func setConsortium(_ file: ConsortiumFile) async throws -> ConsortiumReport {
        try await write { db in
            let known = Set(try await db.column("SELECT code FROM municipality", as: String.self))
            let unknown = file.codes.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw file.unknownMunicipalities(unknown) }
            let before = Set(try await db.column("SELECT code FROM municipality WHERE in_consortium", as: String.self))
            let after = Set(file.codes)
            try await db.run("UPDATE municipality SET in_consortium = (code = ANY(\(file.codes)))")
            if let zones = file.zones {
                try await db.run("UPDATE municipality SET zone = NULL")
                for (code, name) in zones {
                    try await db.run("UPDATE municipality SET zone = \(name) WHERE code = \(code)")
                }
            }
            let report = ConsortiumReport(
                members: file.codes.sorted(), joined: after.subtracting(before).sorted(),
                left: before.subtracting(after).sorted())
            try await db.logImport(
                kind: "consortium", source: file.file, added: report.joined.count,
                updated: report.left.count, unchanged: after.intersection(before).count, note: nil)
            return report
        }
    }
}
