import Foundation

/// Hostile inputs, generated at test time (no such bytes are committed, where scanners would trip
/// on them), each beside good pages in one batch. `expected` is the one error or warning the
/// case must get (nil: none at all), and `converts` whether it must still give a record (its
/// oddity handled and said, not refused).
enum HostileCorpus {
    struct Case {
        var name: String
        var expected: String?
        var converts = true
        var write: (URL) throws -> Void
    }

    static let goodPage = "# Good Squat\n\n- Equipment: Barbell\n- Target muscles: Quadriceps\n\n## Steps\n\n1. Squat down.\n2. Stand up.\n"

    /// A page of the seed layout around `title` and `extra` text.
    static func page(_ title: String, steps: [String] = ["Brace.", "Lift."], extra: String = "") -> String {
        "# \(title)\n\n- Equipment: Dumbbell\n- Difficulty: Beginner\n- Category: Strength\n\n\(extra)\n\n## Steps\n\n" + steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n") + "\n"
    }

    static func bytes(_ name: String, _ bytes: [UInt8]) -> Case {
        Case(name: name, expected: nil) { try Data(bytes).write(to: $0.appendingPathComponent(name)) }
    }

    static func text(_ name: String, _ text: String) -> Case { bytes(name, Array(text.utf8)) }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 { out += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return out
    }

    /// The case refused with `code` (no record), or with `converts`, converted with `code` as its
    /// one warning.
    static func expecting(_ code: String?, converts: Bool = false, _ c: Case) -> Case {
        var c = c
        c.expected = code
        c.converts = converts
        return c
    }

    /// An HTML page of the usual kind around `title` and `body`.
    static func htmlPage(_ title: String, head: String = "", body: String = "") -> String {
        "<html><head>\(head)</head><body><h1>\(title)</h1><ul><li>Equipment: Dumbbell</li><li>Difficulty: Beginner</li><li>Category: Strength</li></ul>\(body)<h2>Steps</h2><ol><li>Brace.</li><li>Lift.</li></ol></body></html>"
    }

    /// Every case, in the order the report lists files.
    static var cases: [Case] {
        /// A page body for cases whose oddity is in their front matter (named each its own).
        func squat(_ title: String) -> String { page(title) }
        var all: [Case] = [
            expecting("empty-file", text("empty.md", "")),
            expecting("binary-file", bytes("binary.md", (0...255).map { UInt8($0) } + Array(repeating: 0, count: 64))),
            expecting("binary-file", bytes("nul-bytes.md", Array("# Nul Squat\n\n".utf8) + [0, 0, 0] + Array("## Steps\n\n1. Go.\n".utf8))),
            expecting("invalid-utf8", bytes("invalid-utf8.md", Array("# Caf".utf8) + [0xC3, 0x28] + Array("\n\n## Steps\n\n1. Go.\n".utf8))),
            bytes("utf16-le-bom.md", utf16(page("UTF-16 LE Squat"), bigEndian: false, bom: true)),
            bytes("utf16-be-bom.md", utf16(page("UTF-16 BE Squat"), bigEndian: true, bom: true)),
            bytes("utf16-le-bom.html", utf16(htmlPage("UTF-16 HTML Squat"), bigEndian: false, bom: true)),
            expecting("invalid-utf8", bytes("utf16-unpaired-surrogate.md", [0xFF, 0xFE] + utf16("# Broken", bigEndian: false, bom: false) + [0x00, 0xD8, 0x41, 0x00])),
            expecting("utf16-without-bom", converts: true, bytes("utf16-le-no-bom.md", utf16(page("UTF-16 No BOM Squat"), bigEndian: false, bom: false))),
            bytes("bom-crlf.md", [0xEF, 0xBB, 0xBF] + Array(page("BOM CRLF Squat").replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            text("cr-only.md", page("CR Only Squat").replacingOccurrences(of: "\n", with: "\r")),
            expecting("too-large", Case(name: "fifty-megabytes.md", expected: nil) { dir in
                let url = dir.appendingPathComponent("fifty-megabytes.md")
                try Data(squat("Fifty Megabyte Squat").utf8).write(to: url)
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: 50 << 20)  // sparse: 50 MB on disk costs nothing
                try handle.close()
            }),
            // (Its 2,000,000-character summary is more than a spreadsheet cell keeps: said, not cut.)
            expecting("cell-too-long", converts: true, text("two-megabyte-line.md", page("Long Line Squat", extra: String(repeating: "brace your core and lift ", count: 2_000_000 / 25)))),
            expecting("too-deep", converts: true, text("deep-markdown.md", page("Deep Quote Squat", extra: String(repeating: "> ", count: 10_000) + "deep"))),
            expecting("html-truncated", converts: true, text("deep-html.html", htmlPage("Deep Div Squat", body: String(repeating: "<div>", count: 10_000) + "deep" + String(repeating: "</div>", count: 10_000)))),
            expecting("front-matter-syntax", converts: true, text("deep-yaml.md", "---\nname: Deep YAML Squat\nnotes: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\n" + squat("Deep YAML Squat"))),
            expecting("invalid-json-ld", converts: true, text("deep-json-ld.html", htmlPage("Deep JSON-LD Squat", head: "<script type=\"application/ld+json\">" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "</script>"))),
            text("many-headings.md", page("Many Headings Squat") + (0..<100_000).map { "## Part \($0)\n" }.joined()),
            expecting("unused-content", converts: true, text("many-table-rows.md", page("Many Rows Squat", extra: "| Set | Reps |\n| --- | --- |\n" + (0..<100_000).map { "| \($0) | 10 |\n" }.joined()))),
            text("entity-bomb.html", "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>" + htmlPage("Entity Squat &d;&d;&d;")),
            text("external-entity.html", "<!DOCTYPE html [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + htmlPage("External Squat &e;")),
            expecting("front-matter-alias", converts: true, text("yaml-alias-bomb.md", "---\nname: Alias Squat\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n" + squat("Alias Squat"))),
            // The inline script is code, left out with a warning; the page still converts.
            expecting("inline-script", converts: true, text("script-in-markdown.md", page("Script </script><!-- Squat", steps: ["Lift </script><script>alert(1)</script> now.", "Then <!-- rest."]))),
            text("script-in-html.html", htmlPage("Script &lt;/script&gt; Squat", body: "<p>Lift &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- rest.</p>")),
            text("dot-dot-title.md", page("../../etc/passwd")),
            text("dot-dot-slug.md", "---\nname: Slug Escape Squat\nslug: ../../outside\nid: ../../../outside\n---\n" + squat("Slug Escape Squat")),
            text("long-title.md", page(String(repeating: "Very Long Squat ", count: 750))),
            text("title-no-slug.md", page("!!! ??? ***")),
            text("title-emoji.md", page("🏋️‍♀️ 💪")),
            text("same-slug-a.md", page("Twin Squat!")),
            expecting("duplicate-id", converts: true, text("same-slug-b.md", page("Twin Squat?"))),
            text("bidi-title.md", page("\u{202E}tauqS idiB\u{202C} Squat", steps: ["\u{2066}Brace\u{2069}.", "Lift."])),
            text("character-references.html", htmlPage("Ref&#0;erence &#xD800;Squat &#x110000;", body: "<p>Brace&#0; and lift &#xDFFF;.</p>")),
            text("control-characters.md", page("Control\u{1}\u{7}\u{1B} Squat")),
            text("duplicate-id-a.md", "---\nname: Duplicate Squat\nid: duplicate\n---\n" + squat("Duplicate Squat")),
            expecting("duplicate-id", converts: true, text("duplicate-id-b.md", "---\nname: Duplicate Squat\nid: duplicate\n---\n" + squat("Duplicate Squat"))),
            expecting("not-an-exercise", text("front-matter-only.md", "---\nname: Nothing Else\n---\n")),
            expecting("front-matter-syntax", converts: true, text("bad-yaml.md", "---\nname: Bad YAML Squat\n\tmuscles: [quads\n---\n" + squat("Bad YAML Squat"))),
            expecting("front-matter-syntax", converts: true, text("bad-toml.md", "+++\nname = \"Bad TOML Squat\nmuscles = [\n+++\n" + squat("Bad TOML Squat"))),
            expecting("unknown-charset", converts: true, text("unknown-charset.html", htmlPage("Charset Squat", head: "<meta charset=\"x-no-such-charset\">"))),
            bytes("windows-1252.html", Array(htmlPage("Caf\u{1} Squat", head: "<meta charset=\"windows-1252\">").utf8).map { $0 == 0x01 ? 0xE9 : $0 }),
            expecting("binary-file", bytes("garbage.html", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
            expecting("not-a-file", Case(name: "dangling-link.md", expected: nil) { dir in
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling-link.md").path, withDestinationPath: "no-such-page.md")
            }),
            expecting("not-a-file", Case(name: "fifo.md", expected: nil) { dir in
                guard mkfifo(dir.appendingPathComponent("fifo.md").path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }),
            Case(name: "loop", expected: nil, converts: false) { dir in
                // A folder that links to itself: links to folders are not followed.
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("loop"), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop/again").path, withDestinationPath: "..")
            },
            Case(name: "folder.md", expected: nil, converts: false) { dir in
                // A folder named like a page is a folder: the page inside it converts.
                let folder = dir.appendingPathComponent("folder.md")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(page("Folder Squat").utf8).write(to: folder.appendingPathComponent("inside.md"))
            },
        ]
        // Unreadable: only for a user the permissions bind (root reads it anyway).
        all.append(expecting(geteuid() == 0 ? nil : "unreadable", converts: geteuid() == 0, Case(name: "unreadable.md", expected: nil) { dir in
            let url = dir.appendingPathComponent("unreadable.md")
            try Data(page("Unreadable Squat").utf8).write(to: url)
            chmod(url.path, 0)
        }))
        return all
    }
}
