import ArgumentParser
import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import Foundation

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert pages to one format on stdout (or -o FILE), like pandoc.",
        discussion: """
        Give files, folders, or nothing (or -) to read one page from stdin. The pages go through \
        exactly what `run` does: the readers, the transformers (\(Catalogue.defaultTransformers.map { $0.name }.joined(separator: ", ")) \
        unless --config names others) and the same id rules; the bytes are what the exporter writes \
        in a run. Several records give, for json and jsonld, one JSON array; for the dataset formats, \
        one dataset.

        The input format comes from each file's extension (\(StageCatalog.readerExtensions)); stdin \
        is read as HTML when it starts with '<', else as markdown, unless --from says. The output \
        format is --to, else -o's extension (.json, .jsonld, .csv, .ndjson, .html, .sqlite), else json. \
        `-t html` prints the embeddable <script type="application/ld+json"> snippet; `-t sqlite` \
        wants -o (it is a database file).

        Examples:
          exercise-pipeline convert squat.md -t jsonld --base-url https://example.com/exercises/
          exercise-pipeline convert content/ -t csv -o exercises.csv
          cat page.html | exercise-pipeline convert -f html
        Diagnostics go to stderr; the exit status is 1 when some page gives no record.
        """
    )

    @Argument(help: ArgumentHelp("Pages or folders to convert; none or - reads stdin.", valueName: "file-or-folder"))
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Input format: \(Catalogue.readerFormats.joined(separator: ", ")). For stdin, or files whose extension says nothing.", valueName: "format"))
    var from: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: \(Catalogue.exporterFormats.joined(separator: ", ")).", valueName: "format"))
    var to: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout (replaced whole, never half-written).", valueName: "file"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Use this pipeline.json's taxonomy extensions, extraction rules, transformers and the --to exporter's options.", valueName: "pipeline.json"))
    var config: String?

    @Option(help: ArgumentHelp("For --to jsonld and html: the URL prefix of exercise pages (each page is <base-url><id>).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The exercise's name when the page has no title of its own (an HTML fragment); one page only.", valueName: "name"))
    var name: String?

    @Flag(help: "Convert pages marked drafts (draft: true, published: false) too; by default they are skipped with a note.")
    var includeDrafts = false

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics).")
    var verbose = false

    @Flag(help: "Print, instead of the record, where each part of the page went and why (or why it was left out); one page only.")
    var explain = false

    /// -o's extension → the format it means (without --to).
    static let formatsByExtension = ["json": "json", "jsonld": "jsonld", "csv": "csv", "ndjson": "ndjson", "html": "html", "sqlite": "sqlite", "db": "sqlite"]

    /// The output format: --to, or -o's extension, or json.
    var format: String {
        if let to { return to }
        return output.flatMap { Self.formatsByExtension[URL(fileURLWithPath: $0).pathExtension.lowercased()] } ?? "json"
    }

    /// Standard input: nothing given, or `-`.
    var readsStandardInput: Bool { inputs.isEmpty || inputs == ["-"] }

    /// Several inputs, or a folder: one batch through `run`'s runner, not one page.
    var isBatch: Bool { !readsStandardInput && (inputs.count > 1 || isFolder(inputs[0])) }

    func validate() throws {
        if let from, Catalogue.reader(for: from) == nil {
            throw ValidationError("unknown --from format '\(from)'; known: \(Catalogue.readerFormats.joined(separator: ", "))")
        }
        if Catalogue.exporter(for: format) == nil {
            throw ValidationError("unknown --to format '\(format)'; known: \(Catalogue.exporterFormats.joined(separator: ", "))")
        }
        if to == nil, let output, Self.formatsByExtension[URL(fileURLWithPath: output).pathExtension.lowercased()] == nil {
            throw ValidationError("cannot tell the output format from '\(output)'; pass -t (\(Catalogue.exporterFormats.joined(separator: ", ")))")
        }
        if format == "sqlite" && output == nil && isatty(1) == 1 {
            throw ValidationError("-t sqlite writes a database file, not text: give -o FILE.sqlite (or redirect stdout)")
        }
        if inputs.count > 1 && inputs.contains("-") { throw ValidationError("- (stdin) cannot be combined with files") }
        if isBatch {
            if explain { throw ValidationError("--explain explains one page; give one file") }
            if name != nil { throw ValidationError("--name names one page's exercise; give one file") }
        } else if from == nil, !readsStandardInput, Catalogue.format(forExtension: URL(fileURLWithPath: inputs[0]).pathExtension) == nil {
            // (Here, not when the page is read, so that the usage shown is convert's.)
            throw unknownExtension
        }
    }

    private var unknownExtension: ValidationError {
        ValidationError("cannot tell the format of '\(inputs[0])' from its extension; pass --from (\(Catalogue.readerFormats.joined(separator: ", ")))")
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let configName = config ?? "exercise-pipeline"
        let conversion = try Terminal.exitingOnConfigErrors(configName) {
            var pipeline = try config.map { try PipelineConfig.load(from: URL(fileURLWithPath: $0)) } ?? PipelineConfig.defaults(baseDirectory: here)
            if includeDrafts { pipeline.includingDrafts() }
            return try Conversion(config: pipeline, format: format, baseURL: baseURL)
        }
        if isBatch {
            let printer = Terminal.printer(showing: Terminal.shown(verbose: verbose, quiet: false))
            let (data, totals) = try Terminal.exitingOnOutputErrors { try Terminal.exitingOnConfigErrors(configName) {
                try conversion.run(inputs: inputs, workingDirectory: here, onDiagnostic: printer)
            } }
            if let data { try write(data) }
            if totals.converted < totals.files { Terminal.error(totals.summaryLine) }
            if data == nil || totals.errors > 0 { throw ExitCode(1) }
            return
        }
        try convertOnePage(conversion)
    }

    /// One page (a file, or stdin) through `PageConverter`, which can explain itself.
    private func convertOnePage(_ conversion: Conversion) throws {
        let path = readsStandardInput ? "<stdin>" : inputs[0]
        let read = readsStandardInput ? InputFile.readStandardInput(reportedAs: path) : InputFile.read(URL(fileURLWithPath: inputs[0]), reportedAs: path)
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let diagnostic):
            Terminal.print([diagnostic], verbose: verbose)
            throw ExitCode(1)
        }
        var converter = PageConverter(config: conversion.config)
        converter.explaining = explain
        let result = converter.convert(bytes: bytes, path: path, format: try inputFormat(bytes), defaultName: name)
        // A skipped page's note is the only word on why nothing is printed: shown without -v.
        Terminal.print(result.diagnostics, verbose: verbose || result.skipped)
        guard !result.records.isEmpty else { throw ExitCode(1) }
        if explain {
            print(Self.explanation(result.extracted), terminator: "")
            return
        }
        var sink = DiagnosticSink(file: path)
        let data = try Terminal.exitingOnOutputErrors { try conversion.render(result.records, diagnostics: &sink) }
        Terminal.print(sink.diagnostics, verbose: verbose)
        try write(data)
    }

    /// "line  decision" for each decision, in page order, per record.
    static func explanation(_ records: [ExtractedRecord]) -> String {
        var out = ""
        for item in records {
            if records.count > 1 { out += "# \(item.record.name)\n" }
            let steps = item.explanation.enumerated().sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }
            for (_, step) in steps {
                let line = step.line.map(String.init) ?? "-"
                out += String(repeating: " ", count: max(0, 5 - line.count)) + line + "  " + step.text + "\n"
            }
        }
        return out
    }

    /// Stdout, or -o's file (written beside it and renamed over it).
    private func write(_ data: Data) throws {
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        try Terminal.exitingOnOutputErrors { try data.write(to: URL(fileURLWithPath: output), options: .atomic) }
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// --from; else the file's extension; else, for stdin, HTML when the page starts with '<'.
    private func inputFormat(_ bytes: [UInt8]) throws -> String {
        if let from { return from }
        if readsStandardInput {
            let start = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            return start.first == UInt8(ascii: "<") ? "html" : "markdown"
        }
        if let format = Catalogue.format(forExtension: URL(fileURLWithPath: inputs[0]).pathExtension) { return format }
        throw unknownExtension
    }
}
