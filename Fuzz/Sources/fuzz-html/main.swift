import FuzzSupport

/// The HTML reader (charset, libxml2, content detection, the tree walk) and the extractor.
let test: Fuzz.TestFunction = { start, count in
    fuzzHTML(Fuzz.bytes(start, count))
}

@_cdecl("fuzz_html_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv, test)
}

func fuzzHTML(_ input: [UInt8]) -> Int32 {
    Fuzz.convert(input, format: "html")
    return 0
}
