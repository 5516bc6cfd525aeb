import FuzzSupport

/// Embedded structured data: the input as a JSON-LD script (first byte even) or as the body of a
/// microdata item (odd) in an otherwise ordinary page.
@_cdecl("fuzz_structured_data_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzStructuredData(Fuzz.bytes($0, $1)) }
}

func fuzzStructuredData(_ input: [UInt8]) -> Int32 {
    var bytes = input
    let pick = bytes.first ?? 0
    if !bytes.isEmpty { bytes.removeFirst() }
    let before = pick % 2 == 0
        ? "<html><head><script type=\"application/ld+json\">"
        : "<html><head></head><body><div itemscope itemtype=\"https://schema.org/ExercisePlan\">"
    let after = pick % 2 == 0
        ? "</script></head><body><h1>Goblet Squat</h1><ol><li>Hold the weight.</li></ol></body></html>"
        : "</div><h1>Goblet Squat</h1></body></html>"
    Fuzz.convert(Array(before.utf8) + bytes + Array(after.utf8), format: "html")
    return 0
}
