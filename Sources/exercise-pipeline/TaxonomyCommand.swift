import ArgumentParser
import ExerciseTaxonomy

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Query the taxonomy that normalizes muscles, equipment and the other vocabularies.",
        subcommands: [Lookup.self]
    )

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
            guard let match = taxonomy.lookup(kind, term) else {
                Terminal.error("unknown \(kind.rawValue) '\(term)': not an id, name or synonym in the taxonomy")
                throw ExitCode(1)
            }
            let how: String
            switch match.how {
            case .id: how = "id"
            case .name: how = "name"
            case .latin: how = "Latin name '\(match.matched)'"
            case .synonym: how = "synonym '\(match.matched)'"
            case .plural: how = "plural of '\(match.matched)'"
            case .scale: how = "on the 1–10 difficulty scale"
            case .inverted: how = "read as '\(match.matched)'"
            case .qualifierDropped: how = "'\(match.matched)' without the part after the comma"
            }
            print("\(match.id) (\(how))")
        }
    }
}

extension TaxonomyKind: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
