import Foundation

/// Writes files so that readers see the old content or the new, never half of it:
/// the content goes to a temporary file in the same folder, which is then renamed.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try checkFolder(of: url)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw WriteError(path: path, reason: reason)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Throws a ``WriteError`` naming the folder when the folder of `url` is missing, is a file,
    /// or cannot be written to; or when `url` itself is a folder.
    public static func checkFolder(of url: URL) throws {
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw WriteError(path: url.path, reason: Messages.text("write.is_folder"))
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw WriteError(path: url.path, reason: Messages.text("write.no_folder", ("folder", folder)))
        }
        guard isFolder.boolValue else {
            throw WriteError(path: url.path, reason: Messages.text("write.not_a_folder", ("folder", folder)))
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw WriteError(path: url.path, reason: Messages.text("write.no_permission", ("folder", folder)))
        }
    }
}
