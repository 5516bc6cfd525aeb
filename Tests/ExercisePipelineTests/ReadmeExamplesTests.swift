import Foundation
import Testing

/// The README's examples run verbatim: every line starting with `$ ` in a ```sh block, in order,
/// from a copy of the repository's pipeline.json, input/ and docs/ beside ../shared, with the
/// built tool first on PATH. The lines shown after a command must be in what it prints, in order
/// (`…` skips any number of lines); it must exit 0, or the status its `# exits N` comment gives.
@Suite struct ReadmeExamplesTests {
    struct Example {
        var command: String
        var expected: [String]
        var line: Int
        var status: Int32 {
            guard let range = command.range(of: "# exits ") else { return 0 }
            return Int32(command[range.upperBound...].prefix { $0.isNumber }) ?? 0
        }
    }

    static func examples(in readme: String) -> [Example] {
        var examples: [Example] = [], inBlock = false, inShell = false
        // The example whose output the next lines show: none after a block ends.
        var current: Int?
        for (i, line) in readme.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                inBlock.toggle()
                inShell = inBlock && line == "```sh"
                current = nil
                continue
            }
            guard inShell else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(command: String(line.dropFirst(2)), expected: [], line: i + 1))
                current = examples.count - 1
            } else if let current {
                examples[current].expected.append(line)
            }
        }
        return examples
    }

    /// Each expected line in `output`'s lines, in order; `…` lines match any run of lines.
    static func matches(_ expected: [String], in output: String) -> String? {
        let lines = output.components(separatedBy: "\n")
        var at = 0
        for want in expected where want != "…" {
            guard let found = lines[at...].firstIndex(of: want) else { return want }
            at = found + 1
        }
        return nil
    }

    @Test func everyExampleRunsAsShown() throws {
        let readme = try String(contentsOf: Support.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.examples(in: readme)
        #expect(examples.count >= 12, "the README's examples were not found")
        let sandbox = try Support.temporaryDirectory()
        let work = sandbox.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: sandbox.appendingPathComponent("shared"), withDestinationURL: Support.shared)
        for item in ["pipeline.json", "input", "docs"] {
            try FileManager.default.copyItem(at: Support.root.appendingPathComponent(item), to: work.appendingPathComponent(item))
        }
        let bin = URL(fileURLWithPath: Support.cli).deletingLastPathComponent().path
        for example in examples {
            // stderr after stdout: each stream keeps its own order.
            let result = try Support.run("/bin/bash", ["-c", "export PATH=\"\(bin):$PATH\"; " + example.command], cwd: work)
            #expect(result.status == example.status, "README.md:\(example.line): `\(example.command)` exited \(result.status): \(result.stderr)")
            let missing = Self.matches(example.expected, in: result.stdout) == nil ? nil : Self.matches(example.expected, in: result.stderr)
            let split = example.expected.filter { $0 != "…" }
            let inEither = split.allSatisfy { result.stdout.components(separatedBy: "\n").contains($0) || result.stderr.components(separatedBy: "\n").contains($0) }
            #expect(missing == nil || inEither, "README.md:\(example.line): `\(example.command)` does not print '\(missing ?? "")'\nstdout:\n\(result.stdout.prefix(2000))\nstderr:\n\(result.stderr.prefix(2000))")
        }
    }
}
