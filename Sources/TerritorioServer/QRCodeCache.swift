import Foundation
import TerritorioKit

/// The QR codes the app has drawn, by payload: `qrencode` runs once per address, not once per
/// poster request.
final class QRCodeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String: String] = [:]

    /// The QR code (SVG) of `text`.
    func svg(_ text: String) throws -> String {
        lock.lock()
        let known = codes[text]
        lock.unlock()
        if let known { return known }
        let drawn = try QRCode.svg(text)
        lock.lock()
        codes[text] = drawn
        lock.unlock()
        return drawn
    }
}
