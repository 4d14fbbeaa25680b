import Foundation

/// The fuzzer's input written to a file, for the readers that take a path.
public enum FuzzInput {
    /// A per-process scratch file in memory-backed storage when there is some.
    static let directory: String = {
        FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    }()

    /// Writes the input to this process's scratch file with `suffix` and returns its path.
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String) -> String {
        _ = removedAtExit
        let path = "\(prefix)\(suffix)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
        return path
    }

    static var prefix: String { "\(directory)/territorio-fuzz-\(getpid())" }

    /// The scratch files go when libFuzzer exits (at the end of its time, or on a crash it reports).
    static let removedAtExit: Void = {
        atexit {
            for suffix in [".csv", ".geojson", ".toml"] { unlink(FuzzInput.prefix + suffix) }
        }
    }()
}
