import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// Helpers of the upload, export and audit tests: a researcher account, multipart uploads, and
/// the inputs of a page.
enum WebTestAccounts {
    static func addResearcher(_ store: Store) throws {
        try store.addAccount(
            name: "researcher", organisation: "Università", role: .researcher,
            passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
    }

    /// `text` as the templates escape it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The text inputs of a page's correction form: name, value, whether it is marked bad.
    static func inputs(_ html: String) -> [(name: String, value: String, bad: Bool)] {
        html.components(separatedBy: "<input ").dropFirst().compactMap { tag in
            let tag = String(tag.prefix { $0 != ">" })
            guard let name = attribute("name", tag), name.hasPrefix("v") else { return nil }
            return (name, attribute("value", tag) ?? "", tag.contains("aria-invalid=\"true\""))
        }
    }

    static func attribute(_ name: String, _ tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[r.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestClientProtocol {
    /// POSTs a multipart upload form: the text `fields` first (as a browser sends the form's
    /// hidden token before the file), then `file`.
    func upload(
        _ fields: [String: String], file: String, fileName: String = "export.csv", cookies: String = ""
    ) async throws -> TestResponse {
        let boundary = "----territorio\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !cookies.isEmpty { headers[.cookie] = cookies }
        return try await execute(uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
