import Foundation

/// Writes files so that readers see the old content or the new, never half of it:
/// the content goes to a temporary file in the same folder, which is then renamed.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try data.write(to: url, options: .atomic)
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
