import Foundation

/// QR codes as SVG, drawn by Debian's `qrencode` tool (`qrencode -t SVG`): run-length rectangles
/// with `fill` attributes only (no `style` attribute, so that a page with a strict
/// Content-Security-Policy shows them), medium error correction, the standard four-module quiet zone.
public enum QRCode {
    /// The QR code of `text` as an SVG element (no XML declaration, no comment).
    public static func svg(_ text: String) throws -> String {
        let output = try ExternalTool.run(
            "qrencode", ["-t", "SVG", "--inline", "--rle", "-l", "M", "-o", "-", "--", text],
            install: "qrencode (scripts/bootstrap.sh installs it)")
        let lines = output.split(separator: "\n").filter { !$0.hasPrefix("<!--") }
        guard lines.first?.hasPrefix("<svg") == true else {
            throw ExternalTool.Failed(tool: "qrencode", status: 0, output: output)
        }
        return lines.joined(separator: "\n")
    }
}
