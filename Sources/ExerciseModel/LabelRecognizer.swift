/// What a vocabulary recognises a label as: evidence the extractor weighs where a page does not
/// say what a list is ("Quads · Glutes · Hamstrings" by the title is a muscle list whatever its
/// heading). The taxonomy implements it; the extractor sees only this protocol, so it stays
/// below the taxonomy in the layering.
public protocol LabelRecognizer: Sendable {
    /// The kind of term the label names exactly (no guessing, no splitting), or nil.
    func kind(of label: String) -> RecognizedKind?
}

public enum RecognizedKind: String, Sendable {
    case muscle, equipment, bodyPart
}
