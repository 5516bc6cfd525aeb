import FuzzSupport

/// The HTML reader (charset, libxml2, content detection, the tree walk) and the extractor.
@_cdecl("fuzz_html_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzHTML(Fuzz.bytes($0, $1)) }
}

func fuzzHTML(_ input: [UInt8]) -> Int32 {
    Fuzz.convert(input, format: "html")
    return 0
}
