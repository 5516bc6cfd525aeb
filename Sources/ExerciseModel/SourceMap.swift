/// Where on the page each field of a record came from: the lines later stages name in their
/// diagnostics. Kept beside the record, never inside it, so two records are equal when their
/// exported values are, wherever on the page those values were written.
public struct SourceMap: Sendable, Equatable, Codable {
    private var fields: [Exercise.Field: Int] = [:]
    private var labels: [LabelKey: Int] = [:]

    private struct LabelKey: Hashable, Sendable {
        var field: Exercise.Field
        var label: String
    }

    public init() {}

    // Written as plain arrays so that a shard's records read back exactly (`run --shard`).
    private struct LabelLine: Codable {
        var field: Exercise.Field
        var label: String
        var line: Int
    }
    private enum CodingKeys: String, CodingKey { case fields, labels }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let fields = try c.decode([String: Int].self, forKey: .fields)
        for (name, line) in fields { if let f = Exercise.Field(rawValue: name) { self.fields[f] = line } }
        for l in try c.decode([LabelLine].self, forKey: .labels) { labels[LabelKey(field: l.field, label: l.label)] = l.line }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) }), forKey: .fields)
        try c.encode(labels.map { LabelLine(field: $0.key.field, label: $0.key.label, line: $0.value) }
            .sorted { ($0.field.rawValue, $0.label) < ($1.field.rawValue, $1.label) }, forKey: .labels)
    }

    /// The line a field was first read from.
    public subscript(field: Exercise.Field) -> Int? {
        get { fields[field] }
        set { fields[field] = newValue }
    }

    /// Records `line` for the field unless an earlier line is known: the first source wins.
    public mutating func noteFirst(_ field: Exercise.Field, _ line: Int?) {
        if fields[field] == nil, let line { fields[field] = line }
    }

    /// The line a label of a field was read from, else the field's first line.
    public func line(of label: String, in field: Exercise.Field) -> Int? {
        labels[LabelKey(field: field, label: label)] ?? fields[field]
    }

    public mutating func noteLabel(_ label: String, in field: Exercise.Field, _ line: Int?) {
        let key = LabelKey(field: field, label: label)
        if let line, labels[key] == nil { labels[key] = line }
    }
}

/// Muscles, equipment and body parts the page gave only as sentences ("This move works your quads
/// and glutes."), not as lists of names. The extractor keeps each sentence here (and, for the
/// reader of the record, in `attributes`); `normalize-taxonomy` finds the terms named in them.
public struct FieldProse: Sendable, Equatable, Codable {
    public var muscles: [String] = []
    public var equipment: [String] = []
    public var bodyParts: [String] = []
    public init() {}
}

/// A record on its way through the pipeline: the exported values, where they came from on the
/// page, and the prose the normalizer reads. Transformers take and return this; exporters see only
/// `record`.
public struct ExtractedRecord: Sendable, Equatable, Codable {
    public var record: Exercise
    public var sourceMap: SourceMap
    public var prose: FieldProse
    /// Where each block of the page went and why (`convert --explain`).
    public var explanation: [Explanation]

    public init(record: Exercise, sourceMap: SourceMap = SourceMap(), prose: FieldProse = FieldProse(), explanation: [Explanation] = []) {
        self.record = record
        self.sourceMap = sourceMap
        self.prose = prose
        self.explanation = explanation
    }

    // The explanation is for `convert --explain` only; a shard's records travel without it.
    private enum CodingKeys: String, CodingKey { case record, sourceMap, prose }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(record: try c.decode(Exercise.self, forKey: .record), sourceMap: try c.decode(SourceMap.self, forKey: .sourceMap),
                  prose: try c.decode(FieldProse.self, forKey: .prose))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(record, forKey: .record)
        try c.encode(sourceMap, forKey: .sourceMap)
        try c.encode(prose, forKey: .prose)
    }
}

/// One decision of the extractor about one part of the page: what it was, where it went, why.
public struct Explanation: Sendable, Equatable {
    public var line: Int?
    public var text: String
    public init(line: Int?, _ text: String) {
        self.line = line
        self.text = text
    }
}
