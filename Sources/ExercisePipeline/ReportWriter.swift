import ExerciseExporters
import ExerciseModel
import Foundation

/// Diagnostics found after the pages were converted — discovery's, the batch stages', the
/// exporters', cleanup's — kept on disk by the page they name until report.json is written, since
/// an exporter may have one for every record.
final class LateDiagnostics {
    /// The pages' paths, in order (sorted): a diagnostic's page is found by binary search.
    private let paths: [String]
    private let spill: PageStore
    private var byPage: [(page: Int, slot: PageStore.Slot)] = []
    /// Those that name no page (pipeline.json, an output file): few, kept in memory.
    private(set) var global: [Diagnostic] = []
    private(set) var counts = Batch.Counts()

    init(pages: [Batch.Page], spillIn folder: URL) throws {
        paths = pages.map(\.path)
        spill = try PageStore(creating: folder.appendingPathComponent(AtomicFile.temporaryName(for: "diagnostics")))
    }

    deinit { try? FileManager.default.removeItem(at: spill.url) }

    private func page(of path: String) -> Int? {
        var low = 0, high = paths.count
        while low < high {
            let mid = (low + high) / 2
            if paths[mid] < path { low = mid + 1 } else { high = mid }
        }
        return low < paths.count && paths[low] == path ? low : nil
    }

    func add(_ diagnostics: [Diagnostic]) throws {
        var groups: [Int: [Diagnostic]] = [:]
        for d in diagnostics {
            counts.add(d.severity)
            if let page = page(of: d.file) { groups[page, default: []].append(d) } else { global.append(d) }
        }
        for (page, list) in groups.sorted(by: { $0.key < $1.key }) {
            if let slot = try spill.append(list) { byPage.append((page, slot)) }
        }
    }

    /// The diagnostics naming `page`. Pages must be asked for in ascending order (the report's).
    func take(page: Int) throws -> [Diagnostic] {
        if sortedByPage == nil {
            sortedByPage = byPage.enumerated().sorted { ($0.element.page, $0.offset) < ($1.element.page, $1.offset) }.map(\.element)[...]
        }
        var list: [Diagnostic] = []
        while let next = sortedByPage?.first, next.page <= page {
            sortedByPage?.removeFirst()
            guard next.page == page else { continue }
            guard let stored = try spill.value([Diagnostic].self, at: next.slot) else { throw OutputError("cannot read back \(spill.url.path)") }
            list += stored
        }
        return list
    }

    private var sortedByPage: ArraySlice<(page: Int, slot: PageStore.Slot)>?
}

/// report.json, streamed: every diagnostic in report order (by file, then line, severity, code,
/// message), every input's outcome by path, and the totals — the same bytes `RunReport` would
/// encode, without the whole report in memory.
enum ReportWriter {
    /// `page` is handed every diagnostic as it is written (report.html's groups).
    static func write(_ batch: Batch, late: LateDiagnostics, to output: OutputDirectory, page: ReportPage? = nil, onDiagnostic: ((Diagnostic) -> Void)?) throws -> RunReport.Totals {
        let file = try AtomicFile(output, "report.json")
        var counts = late.counts
        var diagnostics = JSONArrayStream(depth: 2)
        func emit(_ list: [Diagnostic]) throws {
            for d in list.sorted() {
                try file.append(diagnostics.bytes(for: d))
                try page?.add(d)
                onDiagnostic?(d)
            }
        }
        try file.append("{\n  \"diagnostics\": ")
        // Global diagnostics go where their file sorts among the pages'.
        var global = late.global.sorted()[...]
        func emitGlobal(before path: String?) throws {
            var list: [Diagnostic] = []
            while let d = global.first, path.map({ d.file < $0 }) ?? true { list.append(d); global.removeFirst() }
            try emit(list)
        }
        for (p, page) in batch.pages.enumerated() {
            try emitGlobal(before: page.path)
            var list = try batch.diagnostics(of: page)
            counts += page.counts
            list += try late.take(page: p)
            while let d = global.first, d.file == page.path { list.append(d); global.removeFirst() }
            try emit(list)
        }
        try emitGlobal(before: nil)
        try file.append(diagnostics.closing + ",\n  \"files\": ")
        var files = JSONArrayStream(depth: 2)
        for page in batch.pages {
            let ids = page.keys.sorted { $0.position < $1.position }.map(\.finalID)
            let outcome = RunReport.FileOutcome(path: page.path, status: page.converted ? .converted : page.skipped ? .skipped : .failed, id: ids.first, ids: ids.count > 1 ? ids : nil)
            try file.append(files.bytes(for: outcome))
        }
        let converted = batch.convertedCount, skipped = batch.pages.count(where: \.skipped)
        let totals = RunReport.Totals(files: batch.fileCount, converted: converted, failed: batch.fileCount - converted - skipped, skipped: skipped,
                                      errors: Int(counts.errors), warnings: Int(counts.warnings), infos: Int(counts.infos))
        let totalsText = String(decoding: try CanonicalJSON.data(totals).dropLast(), as: UTF8.self).replacingOccurrences(of: "\n", with: "\n  ")
        try file.append(files.closing + ",\n  \"totals\": " + totalsText + "\n}\n")
        try file.commit()
        return totals
    }
}
