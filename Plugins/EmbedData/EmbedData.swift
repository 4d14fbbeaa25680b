import Foundation
import PackagePlugin

/// Compiles the embedded default's files into the target that uses this plugin, so that the
/// installed binary carries its own data (GeoData, the survey forms, templates and samples, the
/// message catalogue) and runs from any folder with no environment variable.
///
/// The folders are listed in ``EmbedData/folders``; every regular file in them is embedded, under
/// its path relative to the package root.
@main
struct EmbedData: BuildToolPlugin {
    /// Package-relative folders whose files travel with the binary.
    static let folders = [
        "GeoData", "Locales", "Surveys/forms", "Surveys/templates", "Surveys/samples",
        "Web/templates", "Web/static"
    ]
    /// Files in those folders that are not data (generators, notes for developers).
    static let skipped: Set<String> = ["generate.py"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let url = root.appending(path: folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && !Self.skipped.contains(name) {
                inputs.append(url.appending(path: name))
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) data files",
                executable: try context.tool(named: "embed-data").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
