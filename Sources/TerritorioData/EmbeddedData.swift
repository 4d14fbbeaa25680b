import Foundation

/// The files that travel inside the binary: the embedded default's data (`GeoData/`), the
/// message catalogue (`Locales/`), and the survey forms, paper templates and synthetic sample
/// exports (`Surveys/`). They are compiled in by the `EmbedData` build plugin, so an installed
/// `territorio` needs no data folder beside it.
///
/// Paths are relative to the package root, e.g. `GeoData/categories.csv`.
public enum EmbeddedData {
    /// The embedded file at `path`, or nil when there is none.
    public static func file(_ path: String) -> Data? {
        EmbeddedFiles.base64[path].flatMap { Data(base64Encoded: $0) }
    }

    /// Every embedded path, sorted.
    public static var paths: [String] { EmbeddedFiles.base64.keys.sorted() }

    /// The embedded paths inside `folder` (e.g. `Web/templates`), sorted.
    public static func paths(in folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return paths.filter { $0.hasPrefix(prefix) }
    }
}
