import FuzzSupport

/// The markdown reader (front matter, cmark-gfm, the tree walk) and the extractor.
@_cdecl("fuzz_markdown_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzMarkdown(Fuzz.bytes($0, $1)) }
}

func fuzzMarkdown(_ input: [UInt8]) -> Int32 {
    Fuzz.convert(input, format: "markdown")
    return 0
}
