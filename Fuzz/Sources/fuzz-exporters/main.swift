import FuzzSupport
import Foundation

/// Every per-record exporter, fed what the extractor makes of the input (markdown, or HTML when
/// the input starts with `<`): JSON outputs must parse back, and an HTML snippet must hold exactly
/// the one script element it opens, whatever text the page had.
@_cdecl("fuzz_exporters_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzExporters(Fuzz.bytes($0, $1)) }
}

func fuzzExporters(_ input: [UInt8]) -> Int32 {
    let bytes = input
    let result = Fuzz.convert(bytes, format: bytes.first == 0x3C ? "html" : "markdown")
    for record in result.records {
        for renderer in Catalogue.renderers {
            guard let exporter = try? renderer.init(context: Fuzz.context) else { fatalError("\(renderer.format) does not build with its defaults") }
            let data: Data
            do { data = try exporter.render(record, context: Fuzz.context) } catch { fatalError("\(renderer.format) failed on a record: \(error)") }
            if renderer.format.hasPrefix("json") && (try? JSONSerialization.jsonObject(with: data)) == nil {
                fatalError("\(renderer.format) wrote JSON that does not parse")
            }
        }
        let snippet = HTMLSnippetExporter().snippet(for: record, context: Fuzz.context)
        if snippet.components(separatedBy: "</script").count != 2 || snippet.lowercased().components(separatedBy: "<script").count != 2 {
            fatalError("page text broke out of the JSON-LD script element")
        }
    }
    return 0
}
