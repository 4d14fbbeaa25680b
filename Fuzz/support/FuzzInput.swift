import Foundation

/// The fuzzer's input written to a file, for the readers that take a path.
public enum FuzzInput {
    /// A per-process scratch file in memory-backed storage when there is some.
    static let directory: String = {
        FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    }()

    /// Writes the input to this process's scratch file with `suffix` and returns its path.
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String) -> String {
        let path = "\(directory)/territorio-fuzz-\(getpid())\(suffix)"
        FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
        return path
    }
}
