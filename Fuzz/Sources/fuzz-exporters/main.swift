import FuzzSupport
import Foundation

/// Every exporter, fed what the extractor makes of the input (markdown, or HTML when the input
/// starts with `<`), through `Conversion` as `convert --to` uses it: no exporter may fail on a
/// record, JSON outputs must parse back, and an HTML snippet must hold exactly the one script
/// element it opens, whatever text the page had.
@_cdecl("fuzz_exporters_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzExporters(Fuzz.bytes($0, $1)) }
}

/// One conversion per exporter format, with its defaults.
let conversions: [(format: String, conversion: Conversion)] = Catalogue.exporterFormats.map { format in
    guard let conversion = try? Conversion(config: Fuzz.defaults, format: format, baseURL: nil) else { fatalError("\(format) does not build with its defaults") }
    return (format, conversion)
}
let jsonFormats: Set<String> = ["json", "json-dataset", "jsonld", "free-exercise-db", "exercisedb", "taxonomy", "json-schema"]

func fuzzExporters(_ input: [UInt8]) -> Int32 {
    let bytes = input
    let result = Fuzz.convert(bytes, format: bytes.first == 0x3C ? "html" : "markdown")
    guard !result.records.isEmpty else { return 0 }
    for (format, conversion) in conversions {
        var diagnostics = DiagnosticSink()
        let data: Data
        do { data = try conversion.render(result.records, diagnostics: &diagnostics) } catch { fatalError("\(format) failed on a record: \(error)") }
        if jsonFormats.contains(format) && (try? JSONSerialization.jsonObject(with: data)) == nil {
            fatalError("\(format) wrote JSON that does not parse")
        }
        if format == "ndjson" {
            for line in data.split(separator: 0x0A) where (try? JSONSerialization.jsonObject(with: Data(line))) == nil { fatalError("ndjson wrote a line that does not parse") }
        }
    }
    for record in result.records {
        let snippet = HTMLSnippetExporter().snippet(for: record, context: Fuzz.context)
        if snippet.components(separatedBy: "</script").count != 2 || snippet.lowercased().components(separatedBy: "<script").count != 2 {
            fatalError("page text broke out of the JSON-LD script element")
        }
    }
    return 0
}
