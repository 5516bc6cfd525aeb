import ArgumentParser
import ExerciseExporters
import ExerciseModel
import ExercisePipeline
import ExerciseReaders
import ExerciseTaxonomy
import Foundation

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert one page to stdout, like pandoc.",
        discussion: """
        The format is taken from the file's extension (.md, .markdown, .txt: markdown; .html, .htm, \
        .xhtml: html); reading stdin (-) needs --from. The default transformers run (\(TransformerRegistry.defaultNames.joined(separator: ", "))). \
        Diagnostics go to stderr; the exit status is 1 when the page gives no record.
        """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case json, jsonld, csv
    }

    @Argument(help: ArgumentHelp("The page to convert, or - for stdin.", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("Input format: \(ReaderRegistry.formats.joined(separator: ", ")). Needed only for stdin or an unknown extension.", valueName: "format"))
    var from: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "json|jsonld|csv"))
    var to: Target = .json

    @Option(help: ArgumentHelp("With --to jsonld: the URL prefix of exercise pages (the page is <base-url><id>).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The exercise's name when the page has no title of its own (an HTML fragment).", valueName: "name"))
    var name: String?

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics).")
    var verbose = false

    func validate() throws {
        if let from, ReaderRegistry.readers[from] == nil {
            throw ValidationError("unknown --from format '\(from)'; known: \(ReaderRegistry.formats.joined(separator: ", "))")
        }
        if input == "-" && from == nil {
            throw ValidationError("reading stdin needs --from (\(ReaderRegistry.formats.joined(separator: " or ")))")
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
        let taxonomy = try Terminal.builtInTaxonomy()
        let stages: [any RecordTransformer] = [NormalizeTaxonomy(taxonomy: taxonomy), AssignID(), LintMuscles(taxonomy: taxonomy)]
        let result = PageConverter(recordStages: stages).convert(bytes: bytes, path: path, format: format, defaultName: name)
        Terminal.print(result.diagnostics, verbose: verbose)
        guard let record = result.record else { throw ExitCode(1) }

        let context = ExportContext(taxonomy: taxonomy)
        let out: Data
        switch to {
        case .json: out = try CanonicalJSON.data(record)
        case .jsonld: out = try CanonicalJSON.data(JSONLDExporter(baseURL: baseURL).document(for: record, context: context))
        case .csv: out = Data(CSVExporter().text(for: record).utf8)
        }
        FileHandle.standardOutput.write(out)
    }

    private func formatFromExtension() throws -> String {
        let ext = URL(fileURLWithPath: input).pathExtension.lowercased()
        for format in ReaderRegistry.formats where ReaderRegistry.defaultExtensions(of: format).contains(ext) {
            return format
        }
        throw ValidationError("cannot tell the format of '\(input)' from its extension; pass --from (\(ReaderRegistry.formats.joined(separator: ", ")))")
    }
}
