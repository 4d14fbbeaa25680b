import Foundation
import TerritorioCore

/// The free disk space a large ingest needs, checked before it writes anything.
///
/// One ingest is one transaction: SQLite's write-ahead log holds every page it changes until the
/// end, about the database's size, and the rows themselves need about the input's size again.
/// A disk that fills up half-way rolls the ingest back, after minutes of work; this check says
/// so at once, naming what is needed and what is free.
public enum DiskSpace {
    /// Inputs from this size on are checked (50 MB); smaller ones are not worth a refusal.
    public static let largeInputBytes: Int64 = 50 * 1_048_576

    /// Bytes needed to ingest `input` bytes into a database of `database` bytes (its WAL included).
    public static func need(input: Int64, database: Int64) -> Int64 { database + input }

    /// Bytes free for this user on the filesystem holding `path` (a file or folder), nil if unknown.
    public static func free(at path: String) -> Int64? {
        var folder = path
        while !FileManager.default.fileExists(atPath: folder), folder != "/", !folder.isEmpty {
            folder = (folder as NSString).deletingLastPathComponent
        }
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value
    }

    /// Throws when ingesting `input` into the database at `database` needs more than is free.
    /// `largeInput` and `free` are for tests: the size from which a file is checked, and the free
    /// bytes to assume instead of asking the filesystem.
    public static func checkIngest(
        input: String, database: String, largeInput: Int64 = largeInputBytes,
        free: Int64? = nil
    ) throws(InputError) {
        let inputBytes = size(of: input)
        guard inputBytes >= largeInput, let available = free ?? Self.free(at: database) else { return }
        let databaseBytes = size(of: database) + size(of: database + "-wal")
        let needed = need(input: inputBytes, database: databaseBytes)
        if available < needed {
            throw InputError(
                file: input, kind: .invalid,
                notEnoughSpace(
                    needed: needed, free: available, input: inputBytes, database: databaseBytes, path: database))
        }
    }

    /// The refusal: what is needed, why, and what is free where.
    static func notEnoughSpace(needed: Int64, free: Int64, input: Int64, database: Int64, path: String) -> String {
        "not enough free disk space to ingest this file: it needs about \(megabytes(needed, up: true)) "
            + "(the database, \(megabytes(database, up: true)), again for its write-ahead log, plus the file's "
            + "\(megabytes(input, up: true))) and \(megabytes(free)) are free where the database is (\(path)); "
            + "free some space or move the database to a larger disk, then ingest again"
    }

    /// Whole megabytes, rounded down (what is free) or up (what is needed).
    static func megabytes(_ bytes: Int64, up: Bool = false) -> String {
        "\((bytes + (up ? 1_048_575 : 0)) / 1_048_576) MB"
    }

    static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
