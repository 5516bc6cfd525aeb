import ArgumentParser
import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import Foundation

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert one page to stdout, like pandoc.",
        discussion: """
        The format is taken from the file's extension (\(StageCatalog.readerExtensions)); reading \
        stdin (-) needs --from. The page goes through exactly what `run` does to each page: the \
        default transformers (\(Catalogue.defaultTransformers.map { $0.name }.joined(separator: ", "))) and the \
        same id rules. Diagnostics go to stderr; the exit status is 1 when the page gives no record.
        """
    )

    @Argument(help: ArgumentHelp("The page to convert, or - for stdin.", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("Input format: \(Catalogue.readerFormats.joined(separator: ", ")). Needed only for stdin or an unknown extension.", valueName: "format"))
    var from: String?

    @Option(help: ArgumentHelp("Output format.", valueName: Catalogue.renderers.map { $0.format }.joined(separator: "|")))
    var to: String = "json"

    @Option(help: ArgumentHelp("With --to jsonld: the URL prefix of exercise pages (the page is <base-url><id>).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The exercise's name when the page has no title of its own (an HTML fragment).", valueName: "name"))
    var name: String?

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics).")
    var verbose = false

    @Flag(help: "Print, instead of the record, where each part of the page went and why (or why it was left out).")
    var explain = false

    func validate() throws {
        if let from, Catalogue.reader(for: from) == nil {
            throw ValidationError("unknown --from format '\(from)'; known: \(Catalogue.readerFormats.joined(separator: ", "))")
        }
        if input == "-" && from == nil {
            throw ValidationError("reading stdin needs --from (\(Catalogue.readerFormats.joined(separator: " or ")))")
        }
        if Catalogue.renderers.first(where: { $0.format == to }) == nil {
            throw ValidationError("unknown --to format '\(to)'; known: \(Catalogue.renderers.map { $0.format }.joined(separator: ", "))")
        }
    }

    func run() throws {
        let format = try from ?? formatFromExtension()
        let path = input == "-" ? "<stdin>" : input
        let read = input == "-" ? InputFile.readStandardInput(reportedAs: path) : InputFile.read(URL(fileURLWithPath: input), reportedAs: path)
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let diagnostic):
            Terminal.print([diagnostic], verbose: verbose)
            throw ExitCode(1)
        }
        let config: PipelineConfig
        let renderer: any RecordRenderer
        do {
            config = try PipelineConfig.defaults(baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            renderer = try makeRenderer(context: config.exportContext)
        } catch let error as ConfigError {
            Terminal.error("exercise-pipeline: \(error.description)")
            throw ExitCode(64)
        }
        var converter = PageConverter(config: config)
        converter.explaining = explain
        let result = converter.convert(bytes: bytes, path: path, format: format, defaultName: name)
        Terminal.print(result.diagnostics, verbose: verbose)
        guard !result.records.isEmpty else { throw ExitCode(1) }
        if explain {
            print(Self.explanation(result.extracted), terminator: "")
            return
        }
        FileHandle.standardOutput.write(try render(result.records, with: renderer, context: config.exportContext))
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

    /// One record as the format writes it; a page holding several exercises gives, for JSON and
    /// JSON-LD, an array of them, and for CSV one header and a row each.
    private func render(_ records: [Exercise], with renderer: any RecordRenderer, context: ExportContext) throws -> Data {
        if records.count == 1 { return try renderer.render(records[0], context: context) }
        let parts = try records.map { try renderer.render($0, context: context) }
        if type(of: renderer).format == "csv" {
            var out = parts[0]
            for part in parts.dropFirst() {
                // Each part is header + row: keep the rows.
                if let end = part.firstRange(of: Data("\r\n".utf8)) { out += part[end.upperBound...] }
            }
            return out
        }
        let values = try parts.map { try JSONDecoder().decode(JSONValue.self, from: $0) }
        return try CanonicalJSON.data(JSONValue.array(values))
    }

    /// The `--to` exporter with the options given on the command line, checked as pipeline.json's are.
    private func makeRenderer(context: ExportContext) throws -> any RecordRenderer {
        let type = Catalogue.renderers.first { $0.format == to }!
        var options: [String: JSONValue] = [:]
        if let baseURL, type.format == "jsonld" { options["baseURL"] = .string(baseURL) }
        var object = try ConfigObject(.object(options), path: "--to \(to)")
        return try type.init(options: &object, context: context)
    }

    private func formatFromExtension() throws -> String {
        if let format = Catalogue.format(forExtension: URL(fileURLWithPath: input).pathExtension) { return format }
        throw ValidationError("cannot tell the format of '\(input)' from its extension; pass --from (\(Catalogue.readerFormats.joined(separator: ", ")))")
    }
}
