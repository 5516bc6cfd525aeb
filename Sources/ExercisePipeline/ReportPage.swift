import ExerciseExporters
import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// report.html: report.json for people — the totals, how many records give each field (a bar
/// chart), the labels the taxonomy did not know with its suggestions, and the diagnostics grouped
/// by code. Filled by the passes that already exist, never by one of its own: the fields and
/// unknown terms as the records stream to the exporters, the diagnostics as report.json lists them.
/// A code's rows go to a spill file past a few KB, so a big run's page is never in memory whole.
/// Self-contained (inline CSS and SVG, no script, nothing fetched) and deterministic.
final class ReportPage {
    static let path = "report.html"
    /// The fields the chart counts: every record field but the id, which every record has.
    static let fields = Exercise.Field.allCases.filter { $0 != .id }
    /// Rows one code's table shows; the rest are counted (report.json lists them all). More would
    /// make a page no one reads and a browser struggles with.
    static let rowsPerCode = 1000
    /// Unknown terms listed, the most frequent first (their suggestions are looked up only for these).
    static let termsShown = 300
    /// A code's rendered rows stay in memory up to this many bytes, then go to the spill file.
    static let spillThreshold = 1 << 14

    private let taxonomy: Taxonomy
    private let spill: PageStore
    private(set) var records = 0
    private var given: [Int]
    private var unknown: [TermKey: Term] = [:]
    private var groups: [String: Group] = [:]

    /// An unknown label, by field and its case- and space-insensitive form.
    struct TermKey: Hashable, Comparable {
        var field: Int
        var key: String
        static func < (a: TermKey, b: TermKey) -> Bool { (a.field, a.key) < (b.field, b.key) }
    }

    struct Term {
        /// The spelling of the first record (in id order) that gave it.
        var label: String
        var records = 0
    }

    /// One code's diagnostics: counts, and its rows — spilled, then the ones not yet spilled.
    struct Group {
        var counts = Batch.Counts()
        var shown = 0
        var slots: [PageStore.Slot] = []
        var rows = Data()
        var total: Int { Int(counts.errors + counts.warnings + counts.infos) }
        var worst: Diagnostic.Severity { counts.errors > 0 ? .error : (counts.warnings > 0 ? .warning : .info) }
    }

    init(taxonomy: Taxonomy, spillIn folder: URL) throws {
        self.taxonomy = taxonomy
        given = Array(repeating: 0, count: Self.fields.count)
        spill = try PageStore(creating: folder.appendingPathComponent(AtomicFile.temporaryName(for: "report-page")))
    }

    deinit { try? FileManager.default.removeItem(at: spill.url) }

    /// A chunk of the records being exported (each record once, in id order).
    func count(_ chunk: [Exercise]) {
        for r in chunk {
            records += 1
            for (i, field) in Self.fields.enumerated() where r.gives(field) { given[i] += 1 }
            for (name, labels) in r.unknownTerms {
                guard let field = Self.fields.firstIndex(where: { $0.rawValue == name }) else { continue }
                var seen: Set<String> = []
                for label in labels {
                    let key = TermKey(field: field, key: PlainText.collapse(label).lowercased())
                    guard seen.insert(key.key).inserted else { continue }
                    unknown[key, default: Term(label: label)].records += 1
                }
            }
        }
    }

    /// A diagnostic of report.json, in report order.
    func add(_ d: Diagnostic) throws {
        // (Taken out, not copied: a copy left in the table would make each append copy the rows.)
        var group = groups.removeValue(forKey: d.code) ?? Group()
        group.counts.add(d.severity)
        if group.shown < Self.rowsPerCode {
            group.shown += 1
            group.rows.append(Data(ReportHTML.row(d).utf8))
            if group.rows.count >= Self.spillThreshold {
                group.slots.append(try spill.append(group.rows))
                group.rows = Data()
            }
        }
        groups[d.code] = group
    }

    /// Writes report.html from what was counted and report.json's totals.
    func write(_ totals: RunReport.Totals, to output: OutputDirectory) throws {
        let file = try AtomicFile(output, Self.path)
        try file.append(ReportHTML.head(title: "exercise-pipeline report", summary: totals.summaryLine))
        try file.append(ReportHTML.totals([
            ("files", "Pages", totals.files), ("converted", "Converted", totals.converted), ("failed", "Failed", totals.failed), ("skipped", "Skipped", totals.skipped),
            ("records", "Records", records), ("errors", "Errors", totals.errors), ("warnings", "Warnings", totals.warnings),
            ("infos", "Notes", totals.infos),
        ]))
        try file.append(ReportHTML.coverage(Self.fields.enumerated().map { (field: $1, count: given[$0]) }, records: records))
        try file.append(unknownTermsSection())
        try writeDiagnostics(to: file)
        try file.append("</main>\n</body>\n</html>\n")
        try file.commit()
    }

    private func unknownTermsSection() -> String {
        let ranked = unknown.sorted { $0.value.records != $1.value.records ? $0.value.records > $1.value.records : $0.key < $1.key }
        let rows = ranked.prefix(Self.termsShown).map { key, term in
            let field = Self.fields[key.field]
            let kind = TaxonomyKind.allCases.first { $0.fields.contains(field) }
            return ReportHTML.TermRow(label: term.label, field: field, records: term.records,
                                      suggestions: kind.map { taxonomy[$0].suggestions(for: term.label) } ?? [])
        }
        return ReportHTML.unknownTerms(rows, total: ranked.count)
    }

    /// The groups, each code's rows copied from the spill file a slot at a time.
    private func writeDiagnostics(to file: AtomicFile) throws {
        let help = Dictionary(Catalogue.diagnostics.flatMap(\.codes).map { ($0.name, $0.help) }, uniquingKeysWith: { a, _ in a })
        // Errors first, then warnings, then notes; by code within each.
        let order = groups.sorted { ($0.value.worst, $0.key) < ($1.value.worst, $1.key) }
        try file.append(ReportHTML.diagnosticsIndex(order.map { (code: $0.key, severity: $0.value.worst, count: $0.value.total) }))
        for (code, group) in order {
            try file.append(ReportHTML.groupOpening(code: code, severity: group.worst, help: help[code], count: group.total, shown: group.shown))
            for slot in group.slots {
                guard let data = spill.read(slot) else { throw OutputError("cannot read back \(spill.url.path)") }
                try file.append(data)
            }
            try file.append(group.rows)
            try file.append(ReportHTML.groupClosing(count: group.total, shown: group.shown))
        }
        try file.append("</section>\n")
    }

    /// The run may not write report.html when a file it did not write is there (a site's own page):
    /// that file is kept and said so, rather than the run failing after report.json.
    static func blocked(_ output: OutputDirectory) -> Diagnostic? {
        // (An earlier version's folder is no exception: no version before this one wrote it.)
        guard !output.owned.contains(path), FileManager.default.fileExists(atPath: output.url.appendingPathComponent(path).path) else { return nil }
        return Diagnostic(.reportPageKept, file: path, "\(path) exists and was not written by exercise-pipeline (it is not in the output manifest); it was kept, and this run wrote no \(path)")
    }
}

extension DiagnosticCode {
    static let reportPageKept = DiagnosticCode("report-page-kept", .warning,
        "The output folder holds a report.html the tool did not write; it was kept and no report.html was written (report.json was). Move it to get the run's report page.")
}
