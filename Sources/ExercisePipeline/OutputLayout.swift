import ExerciseExporters
import ExerciseModel
import Foundation

/// The checks on where a pipeline writes, made when pipeline.json is read: no two exporters write
/// one file or into each other's folders, none writes over report.json, report.html or the tool's state
/// folder, and the output folder is neither inside an input (its files would be read back as
/// pages on the next run) nor holds one.
enum OutputLayout {
    struct Claim {
        var claim: OutputClaim
        /// Who makes it, for messages: "exporters[2] (csv)".
        var owner: String
        /// The pipeline.json key path it comes from.
        var keyPath: String
    }

    static func claims(_ exporters: [any Exporter]) -> [Claim] {
        var out = [
            Claim(claim: .file("report.json"), owner: "the run's report.json", keyPath: "output"),
            Claim(claim: .file(ReportPage.path), owner: "the run's report.html", keyPath: "output"),
            Claim(claim: .folder(OutputState.folder), owner: "the tool's own state", keyPath: "output"),
        ]
        for (i, exporter) in exporters.enumerated() {
            let format = type(of: exporter).format
            for (n, claim) in exporter.outputs.enumerated() {
                // A CSV's second file is its datapackage; the rest its long tables.
                let key = n == 0 ? "path" : (format == "csv" ? (n == 1 ? "datapackage" : "longTables") : "path")
                out.append(Claim(claim: claim, owner: "exporters[\(i)] (\(format))", keyPath: "exporters[\(i)].\(key)"))
            }
        }
        return out
    }

    static func normalized(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") { p.removeLast() }
        return p == "." ? "" : p
    }

    /// Every overlap among the exporters' paths (and the runner's own), and every path that would
    /// leave the output folder (absolute, or through `..`): each record's write would fail, so it
    /// is a configuration error before anything is converted.
    static func overlaps(_ exporters: [any Exporter]) -> [ConfigError] {
        let all = claims(exporters)
        var errors: [ConfigError] = []
        for claim in all where claim.claim.path.hasPrefix("/") || claim.claim.path.split(separator: "/").contains("..") {
            errors.append(ConfigError(claim.keyPath, "'\(claim.claim.path)' leaves the output folder; give a path relative to it, without '..'"))
        }
        if !errors.isEmpty { return errors }
        for (j, b) in all.enumerated() {
            let pb = normalized(b.claim.path)
            for a in all[..<j] {
                let pa = normalized(a.claim.path)
                if pa == pb {
                    errors.append(ConfigError(b.keyPath, "'\(b.claim.path)' is also written by \(a.owner); give each its own path"))
                } else if case .folder = a.claim, pa.isEmpty || pb.hasPrefix(pa + "/") {
                    errors.append(ConfigError(b.keyPath, "'\(b.claim.path)' is inside the folder '\(pa.isEmpty ? "." : a.claim.path)' that \(a.owner) fills; give it a path of its own"))
                } else if case .folder = b.claim, pb.isEmpty || pa.hasPrefix(pb + "/") {
                    errors.append(ConfigError(b.keyPath, "the folder '\(b.claim.path.isEmpty ? "." : b.claim.path)' would hold \(a.owner)'s '\(a.claim.path)'; give it a folder of its own"))
                }
            }
        }
        return errors
    }

    /// The output folder inside an input (unless input.exclude leaves it out), or an input inside
    /// the output folder.
    static func nesting(_ config: PipelineConfig, output: URL) -> [ConfigError] {
        let out = output.standardizedFileURL.path
        var errors: [ConfigError] = []
        for input in config.inputs {
            let url = input.hasPrefix("/") ? URL(fileURLWithPath: input) : config.baseDirectory.appendingPathComponent(input)
            let inPath = url.standardizedFileURL.path
            if out == inPath || out.hasPrefix(inPath + "/") {
                // The output as Discovery would see a file in it.
                let relative = Discovery.join(input, String(out.dropFirst(inPath.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/")))
                if !Discovery(config: config).excluded(relative + "/page.md") {
                    // (A run without a pipeline.json has no input.exclude to offer.)
                    let remedy = config.bundledJSON != nil ? "give -o a folder outside it"
                        : "move it, or leave it out with \"input\": {\"paths\": [\"\(input)\"], \"exclude\": [\"\(relative)/*\"]}"
                    errors.append(ConfigError(config.bundledJSON != nil ? "--output" : "output", "'\(config.output)' is inside the input '\(input)': each run would read the last one's files back as pages; \(remedy)"))
                }
            } else if inPath.hasPrefix(out + "/") {
                errors.append(ConfigError("input", "'\(input)' is inside the output folder '\(config.output)', which the tool cleans up; keep pages outside it"))
            }
        }
        return errors
    }
}
