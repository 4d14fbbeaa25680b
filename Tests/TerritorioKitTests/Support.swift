import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Paths and helpers shared by the tests.
enum Fixture {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// `../shared/data` beside the repository (or `$TERRITORIO_SHARED_DATA`).
    static var sharedData: URL {
        if let env = ProcessInfo.processInfo.environment["TERRITORIO_SHARED_DATA"] { return URL(fileURLWithPath: env) }
        return root.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// Whether tests needing the shared data run: when it is there, and always on CI
    /// (where its absence must fail, not skip).
    static var sharedDataRuns: Bool {
        isCI || FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("istat").path)
    }

    /// The path of a shared data file; fails the test when it is missing.
    static func shared(_ relative: String) throws -> String {
        let path = sharedData.appendingPathComponent(relative).path
        try #require(
            FileManager.default.fileExists(atPath: path),
            "missing \(path): the tests need ../shared/data beside the repository")
        return path
    }

    static var geoData: String { root.appendingPathComponent("GeoData").path }

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh store in its own temporary folder.
    static func store() throws -> Store {
        try Store.open(at: temporaryDirectory().appendingPathComponent("territorio.sqlite").path)
    }

    /// A fresh store holding the embedded default: municipalities, taxonomy and services.
    static func demoStore() throws -> Store {
        let store = try store()
        try EmbeddedDefault.load(into: store, geoData: geoData)
        return store
    }

    /// A database file holding the embedded default, in a fresh folder (for command-line tests),
    /// with the store open on it.
    static func demoDatabase() throws -> (path: String, store: Store) {
        let path = try temporaryDirectory().appendingPathComponent("territorio.sqlite").path
        let store = try Store.open(at: path)
        try EmbeddedDefault.load(into: store, geoData: geoData)
        return (path, store)
    }

    /// Writes `text` to a file named `name` in a fresh folder and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Every row of the municipality table and the import log, for "nothing changed" checks.
    static func snapshot(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT code || '|' || name || '|' || ifnull(population, '') || '|' || in_consortium || '|' || hex(AsBinary(geom)) FROM municipality ORDER BY code"
            )
                + String.fetchAll(db, sql: "SELECT kind || source FROM import_log ORDER BY id")
        }
    }
}

/// The command-line tool, run as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: String {
        ProcessInfo.processInfo.environment["TERRITORIO_BIN"]
            ?? Fixture.root.appendingPathComponent(".build/debug/territorio").path
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> Result
    {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable),
            "build the tool first (swift build): \(executable)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TERRITORIO_DB")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on its own thread: a tool that floods it must fail a test, not hang it.
        let errors = Collected()
        let reader = Thread {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            errors.done.signal()
        }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        errors.done.wait()
        let stderr = errors.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Bytes read by another thread, and a signal when they are all there.
final class Collected: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// Runs an external program (ogrinfo…) and returns its standard output, or nil when it is not installed.
func runTool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
    let candidates = [
        Fixture.root.appendingPathComponent(".venv/bin/\(name)").path, "/usr/bin/\(name)", "/usr/local/bin/\(name)"
    ]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
