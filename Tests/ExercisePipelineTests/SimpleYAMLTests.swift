import ExerciseDocument
import ExerciseModel
import Foundation
@testable import ExerciseReaders
import Testing

/// `SimpleYAML` reads the common front matter without Yams; whatever it reads must be what Yams
/// reads, and whatever it cannot be sure of it must leave to Yams.
@Suite struct SimpleYAMLTests {
    static func yams(_ yaml: String) -> [MetadataEntry] {
        var sink = DiagnosticSink()
        return FrontMatter.composedEntries(yaml, firstLine: 2, diagnostics: &sink)
    }

    /// Every YAML front matter of the corpus and the samples: read alike, or left to Yams.
    @Test func corpusFrontMatterReadsAsYamsReadsIt() throws {
        var read = 0, left = 0
        for folder in [Support.shared.appendingPathComponent("corpus"), Support.root.appendingPathComponent("input")] {
            let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walk?.nextObject() as? URL {
                guard ["md", "markdown"].contains(url.pathExtension), let text = try? String(contentsOf: url, encoding: .utf8), text.hasPrefix("---\n"),
                      let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { continue }
                let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
                if let simple = SimpleYAML.entries(yaml, firstLine: 2) {
                    #expect(simple == Self.yams(yaml), "\(url.lastPathComponent)")
                    read += 1
                } else {
                    left += 1
                }
            }
        }
        #expect(read > 0)
        print("SimpleYAML: \(read) corpus front matters read directly, \(left) left to Yams")
    }

    @Test func whatItReadsYamsReadsAlike() {
        let samples = [
            "title: \"Half Kneeling Side Neck Stretch\"\nslug: half-kneeling-side-neck-stretch-0\ndate: 2024-11-12\nbodyPart: Neck",
            "secondaryMuscles: []\ntags: [neck, levator-scapulae, bodyweight]\ndraft: false",
            "muscles: [Pectoralis Major,Triceps Brachii]\nweight: 12.5\n\nlevel: 3/10",
            "name: Squat (front), barbell\nnote: a - b + c / d_e",
            "title: \"  spaced  \"\nempty: \"\"",
            "1: one\n01: two",
            "video: https://www.youtube.com/embed/QmngorVJXkE\ndate: 2021-03-28T12:24:03+01:00",
            "description: \"Lateral movement of leg away from the body's midline, using hip muscles.\"",
            "tags:\n    - back\n    - TRX\ntitle: Row",
            "title: Caf\u{E9} cr\u{E8}me no. 1\nnote: it's C# and 50% off!",
            "tags: [a b  c, d]",
            "intro: [\"Standing Leg Raises is simple\", second]",
        ]
        for yaml in samples {
            let simple = SimpleYAML.entries(yaml, firstLine: 2)
            #expect(simple != nil, "\(yaml)")
            #expect(simple == Self.yams(yaml), "\(yaml)")
        }
    }

    /// What YAML could read otherwise goes to Yams whole.
    @Test func whatItCannotBeSureOfIsLeftToYams() {
        let samples = [
            "title: Squat # a comment", "title: a: b", "title: \"a \\\" b\"", "title: 'single'", "title:", "title:   ",
            "list:\n  - a\n   - b", "list:\n- a", "list:\n  - a\n\n  - b", "map: {a: b}", "title: Squat ", "title: \u{2028}x", "title:\tSquat",
            "title: \"a, b\"x", "tags: [\"a, b\"]", "title: ends:", "title: -x",
            "- a\n- b", "title: Squat\ntitle: Again", "title: yes\n  indented: no", "tags: [a, , b]", "title: Caf\u{E9} #1",
            "title: &anchor x", "title: !tag x", "title: |\n  block", "title: x\n# comment", "key:value", "-key: x", "title: [a, [b]]",
        ]
        for yaml in samples { #expect(SimpleYAML.entries(yaml, firstLine: 2) == nil, "\(yaml.debugDescription)") }
    }
}
