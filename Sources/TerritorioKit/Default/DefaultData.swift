import Foundation
import TerritorioCore
import TerritorioData

/// Where the embedded default's files come from: the copy compiled into the binary (the default,
/// so that an installed `territorio` runs anywhere), or a `GeoData` folder the user names to build
/// from edited files.
///
/// The readers of the default take paths, so the embedded copy is laid out in a private
/// temporary folder for the duration of one ``withGeoData(_:)`` call, with the same layout as the
/// source tree (`GeoData/…`, `Surveys/samples/…`), and removed afterwards.
public struct DefaultData: Sendable {
    enum Source: Sendable {
        case embedded
        case folder(String)
    }
    let source: Source

    /// The files compiled into the binary.
    public static let embedded = DefaultData(source: .embedded)

    /// A `GeoData` folder on disk; it must hold `consortium.csv`.
    public static func folder(_ path: String) throws(InputError) -> DefaultData {
        guard FileManager.default.fileExists(atPath: path + "/consortium.csv") else {
            throw InputError(
                file: path, "no consortium.csv in this folder; expected a GeoData folder like territorio's")
        }
        return DefaultData(source: .folder(path))
    }

    /// `explicit` if given, else `$TERRITORIO_GEODATA` if set, else the embedded copy.
    public static func locate(explicit: String? = nil) throws(InputError) -> DefaultData {
        if let path = explicit ?? ProcessInfo.processInfo.environment["TERRITORIO_GEODATA"] {
            return try folder(path)
        }
        return embedded
    }

    /// Runs `body` with the path of a `GeoData` folder holding the default's files.
    public func withGeoData<T>(_ body: (String) throws -> T) throws -> T {
        switch source {
        case .folder(let path):
            return try body(path)
        case .embedded:
            let root = FileManager.default.temporaryDirectory
                .appendingPathComponent("territorio-default-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try Self.layOut(at: root)
            do {
                return try body(root.appendingPathComponent("GeoData").path)
            } catch var error as InputError {
                // Name the embedded file as the source tree does, not the temporary copy.
                if error.file.hasPrefix(root.path + "/") {
                    error.file = "(embedded) " + error.file.dropFirst(root.path.count + 1)
                }
                throw error
            }
        }
    }

    /// Writes every embedded file under `root`, keeping its package-relative path.
    static func layOut(at root: URL) throws {
        for path in EmbeddedData.paths {
            guard let data = EmbeddedData.file(path) else { continue }
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
