import Foundation
import Mustache
import TerritorioData

/// The web app's mustache templates (`Web/templates/*.mustache`, compiled into the binary).
/// Data goes only through `{{ }}`, which escapes it for HTML; the templates never use `{{{ }}}`.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// The embedded templates, by file name without extension.
    static func embedded() throws -> PageRenderer {
        var library = MustacheLibrary()
        for path in EmbeddedData.paths(in: "Web/templates") where path.hasSuffix(".mustache") {
            guard let data = EmbeddedData.file(path) else { continue }
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            try library.register(String(decoding: data, as: UTF8.self), named: name)
        }
        return PageRenderer(library: library)
    }

    /// The page `name` rendered with `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
