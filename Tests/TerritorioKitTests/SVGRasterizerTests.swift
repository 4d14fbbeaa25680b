import Foundation
import TerritorioCore
import Testing

@testable import TerritorioRender

@Suite("PNG maps rendered in-process (librsvg, libpng)")
struct SVGRasterizerTests {
    func svg(width: String, height: String, fill: String) -> Data {
        Data(
            """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)">
            <rect x="2" y="2" width="20" height="10" fill="\(fill)"/></svg>
            """.utf8)
    }

    /// Width, height, bit depth and colour type from the PNG's IHDR chunk.
    func header(_ png: Data) -> (width: UInt32, height: UInt32, depth: UInt8, colour: UInt8) {
        let b = [UInt8](png.prefix(26))
        let word = { (i: Int) in b[i..<i + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        return (word(16), word(20), b[24], b[25])
    }

    @Test("a PNG of the SVG's size in pixels (rounded up, as rsvg-convert), 8-bit RGB, the same bytes twice")
    func sizeAndFormat() throws {
        let png = try SVGRasterizer.png(svg: svg(width: "40.2", height: "30", fill: "red"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        let h = header(png)
        #expect(h.width == 41 && h.height == 30 && h.depth == 8 && h.colour == 2)
        #expect(try SVGRasterizer.png(svg: svg(width: "40.2", height: "30", fill: "red")) == png)
        #expect(try SVGRasterizer.png(svg: svg(width: "40.2", height: "30", fill: "blue")) != png)
        #expect(String(decoding: png.suffix(8).prefix(4), as: UTF8.self) == "IEND")
    }

    @Test("physical units at 96 dpi, as rsvg-convert and CSS (librsvg's C default would be 90)")
    func dotsPerInch() throws {
        let png = try SVGRasterizer.png(svg: svg(width: "1in", height: "25.4mm", fill: "red"))
        #expect(header(png).width == 96 && header(png).height == 96)
    }

    @Test("a broken or sizeless SVG is refused with its name, and no PNG file is left")
    func refusals() throws {
        let broken = Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect"#.utf8)
        #expect {
            try SVGRasterizer.png(svg: broken, source: "broken.svg")
        } throws: { error in
            "\(error)".hasPrefix("broken.svg: ")
        }
        #expect(throws: SVGRasterizer.Failure.self) {
            try SVGRasterizer.png(svg: svg(width: "0", height: "10", fill: "red"))
        }
        #expect(throws: SVGRasterizer.Failure.self) {
            try SVGRasterizer.png(svg: svg(width: "19000", height: "19000", fill: "red"))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svgPath = folder.appendingPathComponent("map.svg").path
        let pngPath = folder.appendingPathComponent("map.png").path
        try broken.write(to: URL(fileURLWithPath: svgPath))
        #expect(throws: SVGRasterizer.Failure.self) { try Maps.png(svgPath: svgPath, pngPath: pngPath) }
        #expect(!FileManager.default.fileExists(atPath: pngPath))
    }

    @Test("many maps side by side give each its own PNG")
    func sideBySide() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobs = (0..<8).map { i in
            (svg: folder.appendingPathComponent("m\(i).svg").path, png: folder.appendingPathComponent("m\(i).png").path)
        }
        for (i, job) in jobs.enumerated() {
            try svg(width: "\(30 + i)", height: "20", fill: i.isMultiple(of: 2) ? "red" : "green")
                .write(to: URL(fileURLWithPath: job.svg))
        }
        try Maps.pngs(jobs)
        for (i, job) in jobs.enumerated() {
            let png = try Data(contentsOf: URL(fileURLWithPath: job.png))
            #expect(header(png).width == UInt32(30 + i))
        }
    }
}

@Suite("Programs territorio runs, named in the user's language")
struct ExternalToolMessageTests {
    @Test("a missing or failing program is said in Italian and in Arabic, with what to install")
    func missingAndFailed() {
        let missing = ExternalTool.Missing(tool: "chromium", install: "chromium")
        let failed = ExternalTool.Failed(tool: "chromium", status: 3, output: "no PDF was written")
        #expect(Messages.speaking("it") { "\(missing)" } == "chromium non è installato: installare chromium")
        #expect(Messages.speaking("ar") { "\(failed)" } == "فشل chromium (رمز الخروج 3): no PDF was written")
        #expect(Messages.speaking("en") { "\(failed)" } == "chromium failed (exit 3): no PDF was written")
    }
}
