import GRDB
import TerritorioCore
import TerritorioIO

extension Store {
    /// The zone (valley or district) of each member municipality that has one, by ISTAT code.
    public func zones() throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            let sql = "SELECT code, zone FROM municipality WHERE in_consortium = 1 AND zone IS NOT NULL"
            for row in try Row.fetchAll(db, sql: sql) {
                out[row[0]] = row[1]
            }
            return out
        }
    }

    /// Makes exactly the municipalities of `file` the consortium's members, in one transaction.
    /// When the file has a `zone` column, it also sets every member's zone (and clears others).
    /// A code that is not in the database is an error naming its row, and nothing changes.
    @discardableResult
    public func setConsortium(_ file: ConsortiumFile) throws -> ConsortiumReport {
        try write { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT code FROM municipality"))
            let unknown = file.codes.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw file.unknownMunicipalities(unknown) }
            let before = Set(try String.fetchAll(db, sql: "SELECT code FROM municipality WHERE in_consortium = 1"))
            let after = Set(file.codes)
            try db.execute(sql: "UPDATE municipality SET in_consortium = 0 WHERE in_consortium = 1")
            let set = try db.makeStatement(sql: "UPDATE municipality SET in_consortium = 1 WHERE code = ?")
            for code in file.codes { try set.execute(arguments: [code]) }
            if let zones = file.zones {
                try db.execute(sql: "UPDATE municipality SET zone = NULL")
                let zone = try db.makeStatement(sql: "UPDATE municipality SET zone = ? WHERE code = ?")
                for (code, name) in zones { try zone.execute(arguments: [name, code]) }
            }
            let report = ConsortiumReport(
                members: file.codes.sorted(), joined: after.subtracting(before).sorted(),
                left: before.subtracting(after).sorted())
            try ImportLog.record(
                db, kind: "consortium", source: file.file, added: report.joined.count,
                updated: report.left.count, unchanged: after.intersection(before).count, note: nil)
            return report
        }
    }
}
