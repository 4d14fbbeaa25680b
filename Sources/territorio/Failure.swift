import ArgumentParser
import Foundation
import TerritorioKit

/// Exit codes, documented in the root command and the README.
enum Exit {
    static let invalidInput = ExitCode(65)
    static let unreadableInput = ExitCode(66)
    /// Done, but some rows were rejected (with --partial).
    static let partial = ExitCode(3)
}

/// Writes a message for people to standard error.
func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body`, turning library errors into clear messages and the documented exit codes.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        for line in error.lines(limit: 30) { say("error: " + line) }
        say("Nothing was written.")
        throw error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
    } catch let error as ExitCode {
        throw error
    } catch {
        say("error: \(error)")
        throw ExitCode.failure
    }
}

/// "3 municipalities: 006114, 006160, 006081" (the list cut after `limit`).
func listing(_ codes: [String], limit: Int = 12) -> String {
    let shown = codes.prefix(limit).joined(separator: ", ")
    return codes.count > limit ? "\(shown), … (\(codes.count - limit) more)" : shown
}
