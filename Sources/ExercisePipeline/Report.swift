import ExerciseModel

/// `report.json`: every diagnostic of a run and what became of each input, sorted so that the same
/// inputs give the same bytes.
public struct RunReport: Codable, Sendable, Equatable {
    public struct Totals: Codable, Sendable, Equatable {
        public var files: Int
        public var converted: Int
        public var failed: Int
        /// Files that are deliberately not exercises (drafts, index pages).
        public var skipped: Int
        public var errors: Int
        public var warnings: Int
        public var infos: Int
    }

    public struct FileOutcome: Codable, Sendable, Equatable {
        public var path: String
        public enum Status: String, Codable, Sendable {
            /// The file gave a record.
            case converted
            /// The file gave no record; its diagnostics say why.
            case failed
            /// The file is deliberately not an exercise (a draft, an index page); its note says which.
            case skipped
        }
        public var status: Status
        /// The record's id when converted (the first, on a page holding several exercises).
        public var id: String?
        /// Every record's id, in page order, on a page holding several exercises.
        public var ids: [String]? = nil
    }

    public var totals: Totals
    public var files: [FileOutcome]
    public var diagnostics: [Diagnostic]

    public init(files: [FileOutcome], diagnostics: [Diagnostic]) {
        self.files = files.sorted { $0.path < $1.path }
        self.diagnostics = diagnostics.sorted()
        totals = Totals(
            files: files.count,
            converted: files.filter { $0.status == .converted }.count,
            failed: files.filter { $0.status == .failed }.count,
            skipped: files.filter { $0.status == .skipped }.count,
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count,
            infos: diagnostics.filter { $0.severity == .info }.count)
    }

    /// A report that carries only the totals (an unchanged rerun: report.json is the last run's).
    init(totals: Totals) {
        self.totals = totals
        files = []
        diagnostics = []
    }

    /// The one-line summary printed at the end of a run.
    public var summaryLine: String { totals.summaryLine }
}

extension RunReport.Totals {
    /// The one-line summary printed at the end of a run.
    public var summaryLine: String {
        var s = "converted \(converted) of \(files) file\(files == 1 ? "" : "s")"
        if failed > 0 { s += ", \(failed) failed" }
        if skipped > 0 { s += ", \(skipped) skipped (drafts, index pages)" }
        s += "; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) note\(infos == 1 ? "" : "s")"
        return s
    }
}

// report.json lists every input: written directly (through the encoder and a re-indent, the list
// was a third of writing the report). Keys in UTF-8 order, as the encoder's canonical form.
extension RunReport.FileOutcome: CanonicalJSONWritable {
    public func write(to json: inout CanonicalJSONWriter) {
        json.beginObject()
        json.member("id", id)
        json.member("ids", ids)
        json.member("path", path)
        json.member("status", status.rawValue)
        json.endObject()
    }
}
