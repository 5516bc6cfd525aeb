import ExercisePipeline

/// The catalogue's readers, stages and formats, one line each, for `--help`.
enum StageCatalog {
    static var exporters: String {
        Catalogue.exporters.map { "  \($0.format): \($0.summary)" }.joined(separator: "\n")
    }

    static var transformers: String {
        Catalogue.transformers.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
    }

    /// ".md, .markdown, .mdx, .txt: markdown; .html, .htm, .xhtml: html"
    static var readerExtensions: String {
        Catalogue.readerFormats.map { format in
            Catalogue.defaultExtensions(of: format).map { ".\($0)" }.joined(separator: ", ") + ": " + format
        }.joined(separator: "; ")
    }
}
