import Foundation
import GRDB
import TerritorioCore

/// The territorio database: one SpatiaLite file that QGIS and GDAL open as it is.
///
/// Opening a store creates the file if needed and applies pending migrations, so opening
/// twice is harmless. Every connection has SpatiaLite initialised, WAL journaling and a
/// busy timeout. Connections come from a GRDB `DatabasePool`: readers run beside the writer
/// (WAL snapshots), so a report does not wait for an ingest.
///
/// ## Topics
/// - Opening: ``open(at:)``, ``path``
/// - Access: ``read(_:)``, ``write(_:)``
/// - Contents: ``summary()``
public final class Store: Sendable {
    /// The database file.
    public let path: String
    /// The migrations this opening applied (empty when the database was up to date).
    public let migrationsApplied: [String]
    let queue: DatabasePool

    private init(path: String, queue: DatabasePool, migrationsApplied: [String]) {
        self.path = path
        self.queue = queue
        self.migrationsApplied = migrationsApplied
    }

    /// Opens (creating or migrating) the database at `path`.
    public static func open(at path: String) throws -> Store {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw StoreError.directoryMissing(path: directory)
        }
        var config = Configuration()
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in try SpatiaLiteConnection.prepare(db) }
        let queue: DatabasePool
        do {
            queue = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        let migrator = Schema.migrator
        let before = try queue.read { try migrator.appliedIdentifiers($0) }
        try migrator.migrate(queue)
        let pending = migrator.migrations.filter { !before.contains($0) }
        return Store(path: path, queue: queue, migrationsApplied: pending)
    }

    /// Runs `work` in a read-only access (package access: the schema tests reach the tables with
    /// it; no GRDB type is in the public API).
    package func read<T>(_ work: (Database) throws -> T) throws -> T { try queue.read(work) }

    /// Runs `work` in one transaction: all of it is written, or nothing.
    package func write<T>(_ work: (Database) throws -> T) throws -> T { try queue.write(work) }

    /// Closes the database: the WAL is checkpointed into the main file first, so that the file
    /// can be copied or moved on its own. (The pool's read-only connections close last and cannot
    /// checkpoint, so closing alone would leave the newest pages in the WAL.)
    public func close() throws {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
    }

    /// Names of the applied schema migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try queue.read { try Schema.migrator.appliedMigrations($0) }
    }
}

/// A problem opening the database.
public enum StoreError: Error, CustomStringConvertible {
    case directoryMissing(path: String)
    case cannotOpen(path: String, reason: String)
    case spatialMetadata(String)
    case wouldReplace(path: String)

    public var description: String {
        switch self {
        case .directoryMissing(let p): Messages.text("msg3.store.no_folder", ("folder", p))
        case .cannotOpen(let p, let r): Messages.text("msg3.store.cannot_open", ("db", p), ("reason", r))
        case .spatialMetadata(let m): Messages.text("msg3.store.spatial_metadata", ("reason", m))
        case .wouldReplace(let p): Messages.text("msg3.store.would_replace", ("db", p))
        }
    }
}

extension Store {
    /// Runs `work` in one transaction, committed only when `work` returns true (false rolls
    /// everything back: a dry run).
    package func transaction<T>(_ work: (Database) throws -> (T, commit: Bool)) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction {
                let (value, commit) = try work(db)
                result = value
                return commit ? .commit : .rollback
            }
            return result!
        }
    }
}
