import ExerciseModel

/// A name as a record holds it. A bilingual title ("波比跳 (burpee)", "哑铃划船<br>dumbbell row")
/// names the exercise twice; the Latin-script part is the one the taxonomy, ids and other
/// datasets share, so it is kept.
enum NameText {
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x3000...0x303F: true
        default: false
        }
    }

    /// The Latin part of a name that mixes CJK and Latin script; nil when the name does not mix
    /// them (or the Latin part is too short to be a name).
    static func latinPart(of name: String) -> String? {
        guard name.unicodeScalars.contains(where: isCJK) else { return nil }
        var kept = String.UnicodeScalarView()
        for s in name.unicodeScalars { kept.append(isCJK(s) ? " " : s) }
        var latin = PlainText.collapse(String(kept))
        while let first = latin.first, "([{<-–—:|·,".contains(first) { latin = PlainText.collapse(String(latin.dropFirst())) }
        while let last = latin.last, ")]}>-–—:|·,".contains(last) { latin = PlainText.collapse(String(latin.dropLast())) }
        guard latin.filter(\.isLetter).count >= 3, !latin.contains("(") || latin.contains(")") else { return nil }
        return latin
    }
}

extension RecordBuilder {
    func useLatinName() {
        guard let latin = NameText.latinPart(of: record.name) else { return }
        sink.report(.nameLatinPart, "name '\(record.name)' is given in two scripts; the Latin-script part '\(latin)' was used", line: sourceMap[.name])
        record.name = latin
    }
}

extension DiagnosticCode {
    static let nameLatinPart = DiagnosticCode("name-latin-part", .info,
        "The page names the exercise in two scripts (Chinese and English, say); the Latin-script name was used, as the taxonomy and other datasets share it.")
}
