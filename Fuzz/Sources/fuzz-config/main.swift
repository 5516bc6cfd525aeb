import ExerciseTaxonomy
import FuzzSupport
import Foundation

/// pipeline.json: any bytes either load as a configuration or give a `ConfigError` (never a crash,
/// never another error type, never an empty message).
@_cdecl("fuzz_config_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzConfig(Fuzz.bytes($0, $1)) }
}

func fuzzConfig(_ input: [UInt8]) -> Int32 {
    let data = Data(input)
    do {
        _ = try PipelineConfig.parse(data, baseDirectory: URL(fileURLWithPath: "/nonexistent/site"))
    } catch let error as ConfigErrors {
        if error.description.isEmpty { fatalError("an empty configuration error") }
    } catch let error as ConfigError {
        if error.description.isEmpty { fatalError("an empty configuration error") }
    } catch let error as TaxonomyError {
        // (A taxonomy extension file named by the configuration that does not load.)
        if error.description.isEmpty { fatalError("an empty taxonomy error") }
    } catch {
        fatalError("pipeline.json gave an error that is not a configuration error: \(error)")
    }
    return 0
}
