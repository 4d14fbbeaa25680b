import Foundation
import GRDB

/// Removes identity-like columns from quarantined rows kept before territorio recognised them
/// (`whatsapp`, `contatto`, `recapito`, a group-prefixed `…/note_operatore`…).
enum QuarantinePruning {
    static func dropIdentityColumns(_ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for row in try Row.fetchAll(db, sql: "SELECT id, raw FROM quarantine") {
            let raw: String = row[1]
            guard let values = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)) else { continue }
            let kept = values.filter { !IdentityColumns.isIdentifying($0.key) }
            guard kept.count < values.count else { continue }
            try db.execute(sql: "UPDATE quarantine SET raw = ? WHERE id = ?",
                           arguments: [String(decoding: try encoder.encode(kept), as: UTF8.self), row[0] as Int64])
        }
    }
}
