import Foundation
import GRDB
import TerritorioCore

/// What a backup or a restore copied.
public struct BackupReport: Sendable {
    /// The file written.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int
    /// The schema migrations the copy holds.
    public var migrations: [String]
}

extension Store {
    /// Copies the whole database into `path` with SQLite's online backup API, from one read
    /// snapshot: consistent even while another process (an ingest, the web app) writes. The copy
    /// is written beside `path`, checked with `PRAGMA integrity_check`, then renamed into place, so
    /// `path` is never half-written.
    public func backup(to path: String) throws -> BackupReport {
        let temporary = path + ".partial"
        try Self.removeDatabaseFiles(temporary)
        do {
            let destination = try DatabaseQueue(path: temporary)
            try queue.backup(to: destination)
            try destination.close()
            let migrations = try Self.checkCopy(temporary)
            try Self.replaceDatabase(at: path, with: temporary)
            return BackupReport(path: path, bytes: Self.size(of: path), migrations: migrations)
        } catch {
            try? Self.removeDatabaseFiles(temporary)
            throw error
        }
    }

    /// Replaces the database at `database` with the backup `file`, after checking that the backup
    /// is a whole territorio database. Refuses to replace an existing database unless `force`.
    /// Run it with nothing else using `database` (stop the web app first).
    public static func restore(from file: String, to database: String, force: Bool) throws -> BackupReport {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw InputError(file: file, kind: .unreadable, Messages.text("msg3.backup.missing"))
        }
        if FileManager.default.fileExists(atPath: database) && !force {
            throw StoreError.wouldReplace(path: database)
        }
        let migrations = try checkCopy(file)
        let temporary = database + ".restoring"
        try removeDatabaseFiles(temporary)
        do {
            let source = try DatabaseQueue(path: file, configuration: readOnly)
            let destination = try DatabaseQueue(path: temporary)
            try source.backup(to: destination)
            try destination.close()
            try source.close()
            try replaceDatabase(at: database, with: temporary)
        } catch {
            try? removeDatabaseFiles(temporary)
            throw error
        }
        return BackupReport(path: database, bytes: size(of: database), migrations: migrations)
    }

    /// Checks that `file` is a sound territorio database: `integrity_check` says ok and the
    /// schema's migrations table is there. Returns the migrations it holds.
    static func checkCopy(_ file: String) throws -> [String] {
        let copy: DatabaseQueue
        do { copy = try DatabaseQueue(path: file, configuration: readOnly) } catch {
            throw InputError(file: file, Messages.text("msg3.backup.not_sqlite", ("reason", "\(error)")))
        }
        defer { try? copy.close() }
        let (integrity, migrations): ([String], [String]?) = try copy.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard try db.tableExists("grdb_migrations"), try db.tableExists("municipality") else {
                return (integrity, nil)
            }
            return (integrity, try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        guard integrity == ["ok"] else {
            let detail = integrity.prefix(3).joined(separator: "; ")
            throw InputError(file: file, Messages.text("msg3.backup.damaged", ("detail", detail)))
        }
        guard let migrations else {
            throw InputError(file: file, Messages.text("msg3.backup.not_territorio"))
        }
        return migrations
    }

    static var readOnly: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }

    /// Puts the closed database `source` in place of `target` with one atomic `rename(2)`, so a
    /// crash leaves either file whole, never neither; `target`'s old WAL and shared-memory
    /// files go first (they belong to the file being replaced), and `source`'s emptied ones after.
    package static func replaceDatabase(at target: String, with source: String) throws {
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
            try FileManager.default.removeItem(atPath: target + suffix)
        }
        guard rename(source, target) == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: target,
                    NSLocalizedDescriptionKey: "cannot move \(source) to \(target): \(String(cString: strerror(errno)))"
                ])
        }
        try removeDatabaseFiles(source)
    }

    /// Removes `path` and its `-wal`/`-shm` companions, when present.
    package static func removeDatabaseFiles(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
