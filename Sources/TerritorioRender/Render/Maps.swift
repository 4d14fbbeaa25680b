import Foundation
import TerritorioCore

/// Builds the planners' maps from the store and the gap report.
public enum Maps {
    package static func date(_ inputs: GapInputs) -> String {
        inputs.latestSubmission ?? inputs.services.compactMap(\.lastUpdated).max() ?? "—"
    }

    /// The choropleth of the gap level of `category`, with the services that answer it.
    public static func gaps(
        report: GapReport, category: String, language: String, shapes: [String: MultiPolygon]
    ) throws -> SVGMap {
        let inputs = report.analysis.inputs
        guard let c = report.analysis.categories.first(where: { $0.code == category }) else {
            throw InputError(file: category, kind: .invalid, "unknown category \(category)")
        }
        let areas = inputs.municipalities.enumerated().compactMap { i, m -> SVGMap.Area? in
            guard let shape = shapes[m.code] else { return nil }
            let cell = report.cells(category: category, municipality: i).first { $0.0 == "gap_level" }!.1
            var level = "suppressed"
            if case .string(let s?) = cell.value { level = s }
            return SVGMap.Area(
                code: m.code, name: m.name, shape: shape, labelPoint: m.point, style: "gap-\(level)",
                tooltip: "\(m.name): \(Phrases.text("level.\(level)", language))", rank: Double(m.population))
        }
        let points = inputs.services.filter { $0.categories.contains(category) }.map {
            SVGMap.Point(location: $0.location, colour: "#08306b", verified: $0.verified, tooltip: $0.name)
        }
        var legend = (GapLevel.allCases.map(\.rawValue) + ["suppressed"]).map {
            SVGMap.LegendEntry(
                style: "gap-\($0)", label: Phrases.text("level.\($0)", language),
                description: Phrases.text("explain.\($0)", language))
        }
        legend.append(
            SVGMap.LegendEntry(
                style: "", label: Phrases.text("legend.service", language), isPoint: true, colour: "#08306b"))
        if points.contains(where: { !$0.verified }) { legend.append(unverifiedEntry(language, colour: "#08306b")) }
        return SVGMap(
            language: language, title: Phrases.text("gap.title", language, c.label(language)), areas: areas,
            points: points,
            legendTitle: Phrases.text("legend.gap", language), legend: legend, date: date(inputs),
            approximate: inputs.municipalities.contains { $0.boundaryApproximate })
    }

    /// Every service, coloured by its (first) category.
    public static func services(inputs: GapInputs, language: String, shapes: [String: MultiPolygon]) throws -> SVGMap {
        let colour = Dictionary(
            uniqueKeysWithValues: inputs.categories.enumerated().map {
                ($1.code, SVGMap.categoryColours[$0 % SVGMap.categoryColours.count])
            })
        let areas = inputs.municipalities.compactMap { m in
            shapes[m.code].map {
                SVGMap.Area(
                    code: m.code, name: m.name, shape: $0, labelPoint: m.point, style: "base", tooltip: m.name,
                    rank: Double(m.population))
            }
        }
        let points = inputs.services.map { s in
            SVGMap.Point(
                location: s.location, colour: colour[s.categories.first ?? ""] ?? "#333", verified: s.verified,
                tooltip: s.name)
        }
        let used = Set(inputs.services.compactMap(\.categories.first))
        var legend = inputs.categories.filter { used.contains($0.code) }.map {
            SVGMap.LegendEntry(style: "", label: $0.label(language), isPoint: true, colour: colour[$0.code]!)
        }
        if points.contains(where: { !$0.verified }) { legend.append(unverifiedEntry(language, colour: "#555")) }
        return SVGMap(
            language: language, title: Phrases.text("services.title", language), areas: areas, points: points,
            legendTitle: Phrases.text("legend.service", language), legend: legend, date: date(inputs),
            approximate: inputs.municipalities.contains { $0.boundaryApproximate })
    }

    /// The legend entry of the hollow markers: services whose details are still to be checked.
    package static func unverifiedEntry(_ language: String, colour: String) -> SVGMap.LegendEntry {
        SVGMap.LegendEntry(
            style: "", label: Phrases.text("legend.unverified", language), isPoint: true, colour: colour,
            hollow: true, description: Phrases.text("explain.unverified", language))
    }

    /// Renders SVG files to PNG side by side, one per core (`SVGRasterizer`).
    public static func pngs(_ jobs: [(svg: String, png: String)]) throws {
        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var errors: [Error] = []
            func add(_ e: Error) {
                lock.lock()
                errors.append(e)
                lock.unlock()
            }
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do { try png(svgPath: jobs[i].svg, pngPath: jobs[i].png) } catch { failures.add(error) }
        }
        if let first = failures.errors.first { throw first }
    }

    /// Renders `svgPath` to PNG (librsvg, in-process; see `SVGRasterizer`).
    public static func png(svgPath: String, pngPath: String) throws {
        try SVGRasterizer.png(svgPath: svgPath, pngPath: pngPath)
    }
}

/// Runs a program that territorio relies on (rsvg-convert, chromium), with a clear message
/// when it is missing.
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public var tool: String
        public var install: String
        public var description: String { Messages.text("msg3.tool.missing", ("tool", tool), ("install", install)) }
    }

    public struct Failed: Error, CustomStringConvertible {
        public var tool: String
        public var status: Int32
        public var output: String
        public var description: String {
            Messages.text(
                "msg3.tool.failed", ("tool", tool), ("status", String(status)), ("output", String(output.suffix(500))))
        }
    }

    /// The first of `names` that is an executable: an absolute path as it is, a bare name on the `PATH`.
    public static func find(_ names: [String]) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            if name.hasPrefix("/") {
                if FileManager.default.isExecutableFile(atPath: name) { return name }
                continue
            }
            for dir in path where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    @discardableResult
    public static func run(_ name: String, _ arguments: [String], install: String) throws -> String {
        try run([name], arguments, install: install)
    }

    @discardableResult
    package static func run(_ names: [String], _ arguments: [String], install: String) throws -> String {
        guard let path = find(names) else {
            throw Missing(tool: names.first { !$0.hasPrefix("/") } ?? names[0], install: install)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(tool: names[0], status: process.terminationStatus, output: output)
        }
        return output
    }
}
