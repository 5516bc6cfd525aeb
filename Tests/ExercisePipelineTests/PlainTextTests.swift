@testable import ExerciseExtraction
@testable import ExerciseModel
import Foundation
import Testing

/// `PlainText` works on UTF-8 bytes for speed; these pin it to the rules stated over characters.
@Suite struct PlainTextTests {
    /// The rule as its comment states it, over Unicode scalars.
    static func collapseByScalars(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let isSpace = scalar.value <= 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.properties.isWhitespace)
            if isSpace { pendingSpace = !out.isEmpty } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    @Test func collapseTreatsEveryWhiteSpaceCharacterAsOneSpace() {
        // Every White_Space character, the C1 controls beside U+0085, and letters that share
        // their lead bytes (U+00E9, U+1681, U+2010, U+3001), in every position.
        let spaces = (0x00...0x20).map { Unicode.Scalar($0)! } + [Unicode.Scalar(0x7F)!]
            + [0x84, 0x85, 0x86, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000].map { Unicode.Scalar($0)! }
        let letters = ["a", "é", "\u{1681}", "\u{2010}", "\u{3001}", "🏋️", "e\u{301}"]
        var samples = ["", " ", "plain words", "  lead and trail  ", "\r\n", "x\r\ny"]
        for space in spaces {
            for letter in letters {
                samples += ["\(space)\(letter)", "\(letter)\(space)", "\(letter)\(space)\(space)\(letter)", "\(space)\(letter) \(space)\(letter)\(space)"]
            }
        }
        for s in samples {
            #expect(PlainText.collapse(s) == Self.collapseByScalars(s), "\(Array(s.unicodeScalars.map(\.value)))")
        }
        #expect(PlainText.collapse("  Keep\u{A0}\u{A0}your\tback\u{2003}flat \n") == "Keep your back flat")
    }

    /// The already-collapsed test (and `bytesAreCharacters`) read eight bytes at a time: strings
    /// long enough for several words, with spaces, controls, DEL, CR and non-ASCII bytes at every
    /// offset, agree with the byte loop, and collapsing them agrees with the rule.
    @Test func collapsedTestAgreesWithTheByteLoopAtEveryOffset() {
        let pieces = ["a", "b", " ", "  ", "\t", "\u{7F}", "\u{1F}", "é", "\u{A0}", "z9", "~", "\r"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            var s = ""
            for _ in 0..<Int(state % 24) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for text in [s, "word " + s, "longer words " + s + " end"] {
                #expect(PlainText.isCollapsed(text) == PlainText.isCollapsedByBytes(text), "\(Array(text.utf8))")
                #expect(PlainText.collapse(text) == Self.collapseByScalars(text), "\(Array(text.utf8))")
                #expect(text.bytesAreCharacters == !text.utf8.contains { $0 >= 0x80 || $0 == 0x0D }, "\(Array(text.utf8))")
                #expect(PlainText.wordCount(text) == text.split(separator: " ").count, "\(Array(text.utf8))")
            }
        }
        #expect(PlainText.isCollapsed("eight by tes and more"))
        #expect(!PlainText.isCollapsed("eight by  tes and more"))
        #expect(!PlainText.isCollapsed("eightbyt  es"))
    }

    /// `wordCount` counts on bytes what `split(separator: " ")` counts over Characters, including
    /// where a space is not a Character of its own (a combining accent after it, a prepended mark
    /// before it).
    @Test func wordCountIsTheCountOfCharactersSplitOnSpaces() {
        let parts = ["", " ", "  ", "a", "é", "\u{301}", "\u{600}", "🏋️", "e\u{301}", "\t", "\r\n", "x.y"]
        var samples = ["Keep your back flat", " lead", "trail ", "two  spaces", "a \u{301}b", "\u{600} x", "ok \u{600}"]
        for a in parts { for b in parts { for c in parts { samples.append(a + " " + b + c + " " + a) } } }
        for s in samples {
            #expect(PlainText.wordCount(s) == s.split(separator: " ").count, "\(Array(s.unicodeScalars.map(\.value)))")
        }
    }

    @Test func firstIndexOfASCIIIsTheFirstSuchCharacter() {
        for text in ["", ":", "a:b", "no colon", "a:\u{301}b:c", "\u{600}:x:y", ":\u{200D}:", "caf\u{E9}: lait", "x\r\n:y", "::"] {
            #expect(text.firstIndex(ofASCII: 0x3A) == text.firstIndex(of: ":"), "\(text.debugDescription)")
        }
    }

    @Test func spaceSeparatedWordsAreTheSplit() {
        for text in ["", " ", "  ", "a", "a b", " a  b ", "upper chest", "caf\u{E9} au lait", "a \u{301}b", "\u{600} x", "x\r\n y", "tab\tnot a space"] {
            #expect(text.spaceSeparatedWords == text.split(separator: " "), "\(text.debugDescription)")
        }
    }

    @Test func lastSlashComponentIsTheLastOfTheSplit() {
        for path in ["", "/", "//", "a", "a/b", "a/b/", "a//b//", "/abs/path.md", "squats/Goblet.MD", "caf\u{E9}/x.md", "a/\u{301}b", "\u{600}/b", "a\r\n/b"] {
            #expect(path.lastSlashComponent == (path.split(separator: "/").last ?? ""), "\(path.debugDescription)")
        }
    }

    /// `characterCount` is `count`: on bytes for the characters that stand alone, through the
    /// Character count for any text holding one that may join a neighbour.
    @Test func characterCountIsTheCharacterCount() {
        // Every scalar of the ranges counted on bytes, and their edges.
        var parts = ["", "a", "\r\n", "\r", "\n", "\u{AD}", "\u{2FF}", "\u{300}", "\u{301}", "\u{1FFF}", "\u{200B}", "\u{200C}", "\u{200D}",
                     "\u{206F}", "\u{2070}", "\u{20AC}", "\u{600}", "\u{1100}\u{1161}", "🇫🇷", "🏋️", "👩‍👩‍👧", "e\u{301}", "\u{E9}"]
        parts += (0x80..<0x300).map { String(UnicodeScalar($0)!) } + (0x2000...0x2070).map { String(UnicodeScalar($0)!) }
        for a in parts {
            for b in ["", "x", "\u{301}", "\u{200D}", "\u{E9}", "\u{2014}", "\r", "\n"] {
                let s = a + b + "z" + b + a
                #expect(PlainText.characterCount(s) == s.count, "\(Array(s.unicodeScalars.map(\.value)))")
                let spaced = " " + a + " \u{A0}\t" + b + "z\u{2003} " + b + a + "\n"
                #expect(PlainText.collapsedCharacterCount(spaced) == PlainText.collapse(spaced).count, "\(Array(spaced.unicodeScalars.map(\.value)))")
                // Fed in pieces (an element's text nodes), split between any two scalars.
                var counter = PlainText.CollapsedCounter()
                for piece in [" " + a, " \u{A0}\t", b + "z", "\u{2003} " + b, a + "\n"] { counter.feed(piece) }
                if counter.exact { #expect(counter.count == PlainText.collapse(spaced).count, "\(Array(spaced.unicodeScalars.map(\.value))) in pieces") }
            }
        }
        #expect(PlainText.characterCount("Keep your back \u{2013} \u{201C}flat\u{201D}\u{A0}\u{2026}") == 25)
    }

    @Test func wordsLowerCasesAndSplitsOnEverythingButLettersAndDigits() {
        #expect(PlainText.words("Body-Part:") == "body part")
        #expect(PlainText.words("  Target  Muscle(s) 2 ") == "target muscle s 2")
        #expect(PlainText.words("Équipement / Ausrüstung") == "équipement ausrüstung")
        #expect(PlainText.words("--") == "")
    }
}

extension FactKeyTests {
    /// `stripNumbering` as it was, lower-casing the whole text to look for "step ".
    static func stripNumberingByCharacters(_ s: String) -> String {
        var rest = Substring(s)
        if rest.lowercased().hasPrefix("step ") {
            let afterWord = rest.dropFirst(5)
            let digits = afterWord.prefix(while: \.isNumber)
            if !digits.isEmpty {
                rest = afterWord.dropFirst(digits.count)
                rest = rest.drop(while: { $0 == ":" || $0 == "." || $0 == ")" || $0 == "-" || $0 == "\u{2013}" || $0 == " " })
                return String(rest)
            }
        }
        let digits = rest.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 2 {
            let after = rest.dropFirst(digits.count)
            if let sep = after.first, sep == "." || sep == ")", after.dropFirst().first == " " { return String(after.dropFirst(2)) }
        }
        return s
    }
}

/// Headings and fact labels become lookup keys on their bytes (`FactKey.normalize`); the keys
/// must be the Character path's, on every heading and `Label:` of the corpus's and the samples'
/// pages and on corners of the camelCase rule.
@Suite struct FactKeyTests {
    @Test func keysOnBytesAreTheCharacterKeys() throws {
        var labels: Set<String> = ["", "primaryMuscles", "primary_muscles", "ABCdef", "aBC", "HTMLParser", "x2Y", "Body-Part:",
                                   "iPhone", "a  b", " lead", "trail ", "MuscleGroup(s)", "Étape", "sécondaryMuscles", "ÜberSquat"]
        for folder in [Support.shared.appendingPathComponent("corpus"), Support.root.appendingPathComponent("input")] {
            for path in Support.allFiles(under: folder) where [".md", ".markdown", ".txt", ".html"].contains(where: path.hasSuffix) {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
                for line in text.split(separator: "\n").prefix(400) {
                    if line.hasPrefix("#") { labels.insert(String(line.drop(while: { $0 == "#" }))) }
                    if let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) < 60 { labels.insert(String(line[..<colon])) }
                }
            }
        }
        #expect(labels.count > 500)
        for label in labels {
            #expect(FactKey.normalize(label) == FactKey.characterNormalize(label), "\(label.debugDescription)")
            #expect(FactParser.looksLikeLabel(label) == FactParser.characterLooksLikeLabel(PlainText.collapse(label)), "label \(label.debugDescription)")
        }
    }

    /// Lists, slugs: the byte paths against the Character and folding paths, on every line of the
    /// corpus's and the samples' pages and on corners.
    @Test func listsAndSlugsOnBytesAreTheCharacterOnes() throws {
        var texts: Set<String> = ["Step 1: Stand", "STEP 12. Go", "step 3) x", "Steps 4", "Step one", "Stép 1: x", "Step\u{301} 1: x", "1. One", "12) Two", "123. No",
                                  "sTeP 7 – dash", "s", "St", "3.x", "ſtep 1: x",  "a, (b, c), d", "x [y; z] / w", "a)b,c", "((a,b)", "Farmer's Walk", "A--B  C",
                                  "tab\tand\r\nnewline, x", "Crème brûlée", "a • b", "ÀÉÎ, õü", "a\u{0301},b", "9/10", "'quoted'", "-lead-", "_x_"]
        for value in UInt8(0x20)...0x7E { texts.insert(String(UnicodeScalar(value))); texts.insert("a\(UnicodeScalar(value))B") }
        for folder in [Support.shared.appendingPathComponent("corpus/real-pages"), Support.root.appendingPathComponent("input")] {
            for path in Support.allFiles(under: folder) where [".md", ".html"].contains(where: path.hasSuffix) {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
                texts.formUnion(text.split(separator: "\n").prefix(200).map(String.init))
            }
        }
        #expect(texts.count > 2000)
        for text in texts {
            #expect(PlainText.slug(text) == PlainText.foldedSlug(text), "slug \(text.debugDescription)")
            #expect(stripNumbering(text) == Self.stripNumberingByCharacters(text), "numbering \(text.debugDescription)")
            for separators in [FactParser.ListSeparators.standard, .commaOrSemicolon] {
                #expect(FactParser.splitList(text, separators: separators) == FactParser.characterSplitList(text, separators: separators.characters), "list \(text.debugDescription)")
            }
        }
    }
}
