import ArgumentParser
import ExerciseTaxonomy

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Query the taxonomy that normalizes muscles, equipment and the other vocabularies.",
        subcommands: [Lookup.self, Reference.self]
    )

    struct Reference: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the taxonomy reference page (markdown): every id with its names, hierarchy and crosswalks.",
            discussion: "The page in docs/ is this output: `exercise-pipeline taxonomy reference > docs/taxonomy-reference.md`."
        )

        func run() throws {
            print(try Terminal.builtInTaxonomy().referencePage, terminator: "")
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the canonical id a label maps to.",
            discussion: """
            The id is the first word of the output; the rest says how it matched. An unknown label \
            exits with status 1.

              $ exercise-pipeline taxonomy lookup equipment "Resistance Bands"
              resistance-band (plural of name 'Resistance band')
            """
        )

        @Argument(help: ArgumentHelp("One of: \(TaxonomyKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var kind: TaxonomyKind

        @Argument(help: ArgumentHelp("The label to look up, as a page would write it.", valueName: "term"))
        var term: String

        func run() throws {
            let taxonomy = try Terminal.builtInTaxonomy()
            let resolution = taxonomy[kind].resolve(term)
            guard let first = resolution.matches.first else {
                let suggestions = taxonomy[kind].suggestions(for: term)
                Terminal.error("unknown \(kind.rawValue) '\(term)': not an id, name or synonym in the taxonomy" + (suggestions.isEmpty ? "" : "; nearest: \(suggestions.joined(separator: ", "))"))
                throw ExitCode(1)
            }
            var line = "\(first.id) (\(first.explanation))"
            for other in resolution.matches.dropFirst() { line += "; also \(other.id) (\(other.explanation))" }
            if !resolution.unresolved.isEmpty { line += "; not matched: \(resolution.unresolved.joined(separator: ", "))" }
            print(line)
        }
    }
}

extension TaxonomyKind: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
