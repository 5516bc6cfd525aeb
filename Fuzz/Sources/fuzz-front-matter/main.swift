import FuzzSupport

/// Front matter: the input is the block's text, fenced as YAML, TOML or JSON by its first byte
/// (so the fuzzer explores all three), before a page body.
@_cdecl("fuzz_front_matter_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv) { fuzzFrontMatter(Fuzz.bytes($0, $1)) }
}

func fuzzFrontMatter(_ input: [UInt8]) -> Int32 {
    var bytes = input
    let pick = bytes.first ?? 0
    if !bytes.isEmpty { bytes.removeFirst() }
    let (open, close): (String, String) = switch pick % 3 {
    case 0: ("---\n", "\n---\n")
    case 1: ("+++\n", "\n+++\n")
    default: ("{\n", "\n}\n")
    }
    Fuzz.convert(Array(open.utf8) + bytes + Array((close + "# Goblet Squat\n\n## Steps\n\n1. Hold the weight.\n").utf8), format: "markdown")
    return 0
}
