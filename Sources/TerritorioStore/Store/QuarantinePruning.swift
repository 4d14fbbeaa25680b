import Foundation
import GRDB
import TerritorioCore
import TerritorioIO

/// Brings quarantined rows kept by earlier versions up to date: removes the identity-like
/// columns territorio did not recognise then (`whatsapp`, `contatto`, `recapito`, a
/// group-prefixed `…/note_operatore`…), and records the instance id, so that a corrected row
/// replaces them.
enum QuarantinePruning {
    static func upgrade(_ db: Database) throws {
        let encoder = JSONOutput.compact
        for row in try Row.fetchAll(db, sql: "SELECT id, raw FROM quarantine") {
            let raw: String = row[1]
            guard let values = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)) else { continue }
            let kept = values.filter { !IdentityColumns.isIdentifying($0.key) }
            try db.execute(
                sql: "UPDATE quarantine SET raw = ?, uuid = ? WHERE id = ?",
                arguments: [
                    String(decoding: try encoder.encode(kept), as: UTF8.self),
                    instanceID(kept), row[0] as Int64
                ])
        }
    }

    /// The instance id of a quarantined row, from its id columns in any export's names.
    static func instanceID(_ values: [String: String]) -> String? {
        var meta: [SurveyColumns.Meta: String] = [:]
        for (name, value) in values where !value.isEmpty {
            let lower = name.lowercased()
            let role = SurveyColumns.commonMeta[lower] ?? SurveyColumns.koboMeta[lower] ?? SurveyColumns.odkMeta[lower]
            if case .meta(let m)? = role { meta[m] = value }
        }
        // Kobo/ODK keys as ingestion makes them (paper rows of earlier versions had no source,
        // so they cannot be keyed as now: only their token finds them).
        return (meta[.rootUUID] ?? meta[.key] ?? meta[.instanceID] ?? meta[.uuid]).map(SubmissionReader.bareUUID)
    }
}
