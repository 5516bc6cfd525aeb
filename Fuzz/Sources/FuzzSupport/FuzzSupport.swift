@_exported import ExercisePipeline
@_exported import ExerciseExporters
@_exported import ExerciseModel
import Foundation

/// What every target checks after converting one input: the promises of docs/RELIABILITY.md that
/// a single page can break. A broken promise stops the fuzzer (`fatalError`), which saves the input.
public enum Fuzz {
    /// The default configuration, as `convert` uses it.
    public static let defaults: PipelineConfig = {
        guard let config = try? PipelineConfig.defaults(baseDirectory: URL(fileURLWithPath: "/nonexistent")) else {
            fatalError("the default configuration does not load")
        }
        return config
    }()

    /// The conversion `convert` and `run` share, with the default stages and taxonomy.
    public static let converter = PageConverter(config: defaults)
    public static let context = defaults.exportContext

    /// Converts one page and checks the result: each page gives records with safe ids and no
    /// error, or no record and an error saying why (or a note: a draft, an index page).
    @discardableResult
    public static func convert(_ bytes: [UInt8], format: String) -> PageConverter.Result {
        let result = converter.convert(bytes: bytes, path: "fuzz.\(format == "html" ? "html" : "md")", format: format, defaultName: nil)
        let hasError = result.diagnostics.contains { $0.severity == .error }
        if result.records.isEmpty {
            // (A draft or an index page gives none on purpose, with a note saying so.)
            let skipNote = result.diagnostics.contains { ["draft", "index-page"].contains($0.code) }
            if !hasError && !skipNote { fatalError("no record and no error: \(result.diagnostics.map(\.formatted))") }
        } else {
            if hasError { fatalError("records and an error: \(result.diagnostics.map(\.formatted))") }
            for r in result.records where !RecordIDs.isSafe(r.id) { fatalError("unsafe id '\(r.id)'") }
        }
        return result
    }
}

/// libFuzzer's driver, called from each target's entry point. SwiftPM links an executable target
/// with its `main` renamed to `<target>_main`, so a target cannot simply leave `main` to
/// libFuzzer: each defines `<target>_main` and hands its test function to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

extension Fuzz {
    public typealias TestFunction = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ test: TestFunction) -> Int32 {
        var argc = argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }

    /// The input as bytes (libFuzzer may pass a null pointer for an empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let data, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }
}
