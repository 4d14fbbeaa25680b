import Foundation
import Hummingbird

/// An upload form read as it arrives: its small text fields kept in memory, its one file part
/// streamed to `upload.csv` in a temporary folder, the request refused as soon as the file
/// passes the limit (and the body the limit plus room for the fields).
struct MultipartUpload {
    enum Failure: Error { case malformed, tooLarge }

    /// The longest text field kept, and the room the fields and part headers take on top of the file.
    static let fieldLimit = 4 * 1024
    static let formOverhead = 64 * 1024

    var fields: [String: String] = [:]
    /// The file's name as the browser gave it (without folders), nil when there was no file.
    var fileName: String?
    var fileBytes = 0
    let filePath: String

    /// Reads `request`'s body into `folder` (which must exist). `beforeFile` sees the text
    /// fields that precede the file part (the form puts its CSRF token first) and may refuse.
    static func read(
        _ request: Request, limit: Int, folder: URL, beforeFile: @escaping ([String: String]) throws -> Void
    ) async throws -> MultipartUpload {
        guard let boundary = MultipartParser.boundary(contentType: request.headers[.contentType]) else {
            throw Failure.malformed
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit + formOverhead {
            throw Failure.tooLarge
        }
        var upload = MultipartUpload(filePath: folder.appendingPathComponent("upload.csv").path)
        var reader = Reader(upload: upload, limit: limit, beforeFile: beforeFile)
        defer { try? reader.handle?.close() }
        var parser = MultipartParser(boundary: boundary)
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= limit + formOverhead else { throw Failure.tooLarge }
            for event in try parser.feed(chunk.readableBytesView) { try reader.handle(event) }
        }
        guard parser.state == .done else { throw Failure.malformed }
        upload = reader.upload
        return upload
    }

    /// The name the browser gave a file, reduced to a short, printable file name.
    static func cleanFileName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
        let name = String(printable.trimmingCharacters(in: .whitespaces).prefix(120))
        return name.isEmpty || name.allSatisfy({ $0 == "." }) ? "upload.csv" : name
    }
}

extension MultipartUpload {
    /// Routes the parser's events: text fields to memory, the file part to its file.
    struct Reader {
        var upload: MultipartUpload
        let limit: Int
        let beforeFile: ([String: String]) throws -> Void
        var handle: FileHandle?
        var field: (name: String, bytes: [UInt8])?
        /// The bytes of every text field so far: many small fields cannot fill the memory either.
        var textBytes = 0
        var inFile = false

        init(upload: MultipartUpload, limit: Int, beforeFile: @escaping ([String: String]) throws -> Void) {
            self.upload = upload
            self.limit = limit
            self.beforeFile = beforeFile
        }

        mutating func handle(_ event: MultipartParser.Event) throws {
            switch event {
            case .part(let name, let fileName):
                closeField()
                inFile = false
                if let fileName, name == "file" { try openFile(fileName) } else { field = (name, []) }
            case .data(let bytes):
                if inFile { try write(bytes) } else if field != nil { try keep(bytes) }
            case .end:
                closeField()
            }
        }

        private mutating func openFile(_ fileName: String) throws {
            guard upload.fileName == nil else { throw Failure.malformed }
            try beforeFile(upload.fields)
            guard FileManager.default.createFile(atPath: upload.filePath, contents: nil),
                let opened = FileHandle(forWritingAtPath: upload.filePath)
            else { throw Failure.malformed }
            handle = opened
            upload.fileName = MultipartUpload.cleanFileName(fileName)
            inFile = true
        }

        private mutating func write(_ bytes: [UInt8]) throws {
            upload.fileBytes += bytes.count
            guard upload.fileBytes <= limit else { throw Failure.tooLarge }
            try handle?.write(contentsOf: bytes)
        }

        private mutating func keep(_ bytes: [UInt8]) throws {
            textBytes += bytes.count
            guard textBytes <= MultipartUpload.formOverhead else { throw Failure.tooLarge }
            field?.bytes += bytes
            if let count = field?.bytes.count, count > MultipartUpload.fieldLimit { throw Failure.malformed }
        }

        private mutating func closeField() {
            if let field { upload.fields[field.name] = String(decoding: field.bytes, as: UTF8.self) }
            field = nil
        }
    }
}
