import ExerciseExporters
import ExerciseModel
import Foundation

/// The pages of a run (or of one shard of it), converted, as the runner holds them between
/// converting and exporting: per page its path, what became of it, its records' keys and where its
/// records and diagnostics are on disk (`PageStore`) — a few hundred bytes a page, whatever the
/// page held.
public struct Batch: Sendable {
    struct Page: Sendable, Codable {
        var path: String
        var converted: Bool
        /// The store (of `stores`) holding the page's blobs.
        var store: Int
        /// The page's records (`[Exercise]`) and diagnostics (`[Diagnostic]`), as JSON; nil when
        /// there are none.
        var records: PageStore.Slot?
        var diagnostics: PageStore.Slot?
        var keys: [Key]
        var counts: Counts
        /// For the cache: the input's size, modification time and hash when it was read.
        var stamp: PageCache.Stamp?
        /// Taken from the cache, not converted again.
        var reused = false
        /// Deliberately no record: a draft or an index page (its note says which).
        var skipped = false

        /// One record of the page.
        struct Key: Sendable, Equatable, Codable {
            /// The id the page's job gave it (safe, not yet unique in the batch).
            var id: String
            var position: Int
            var nameLine: Int?
            /// The id it is exported under when that is not `id` (the batch stages changed it):
            /// this run's once the batch stages ran; on a page taken from the cache, until then,
            /// the previous run's.
            var exportedAs: String?
            var finalID: String { exportedAs ?? id }
        }
    }

    /// Diagnostics by severity.
    struct Counts: Sendable, Equatable, Codable {
        var errors: Int32 = 0, warnings: Int32 = 0, infos: Int32 = 0

        init(errors: Int32 = 0, warnings: Int32 = 0, infos: Int32 = 0) {
            (self.errors, self.warnings, self.infos) = (errors, warnings, infos)
        }

        init(_ diagnostics: [Diagnostic]) {
            for d in diagnostics { add(d.severity) }
        }

        mutating func add(_ severity: Diagnostic.Severity) {
            switch severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }

        static func += (a: inout Counts, b: Counts) {
            a.errors += b.errors
            a.warnings += b.warnings
            a.infos += b.infos
        }
    }

    /// A record: its page and its index among the page's records (8 bytes, for the export order).
    struct Ref: Sendable {
        private var p: Int32, i: Int32
        init(page: Int, index: Int) { (p, i) = (Int32(page), Int32(index)) }
        var page: Int { Int(p) }
        var index: Int { Int(i) }
    }

    /// The id a record is exported under (once the batch stages ran).
    func finalID(_ ref: Ref) -> String { pages[ref.page].keys[ref.index].finalID }

    var pages: [Page] = []
    var stores: [PageStore] = []
    /// Findings about the run rather than one page's contents (discovery: files no reader takes,
    /// links that lead nowhere).
    var diagnostics: [Diagnostic] = []

    /// Every record's key, for the batch stages.
    var recordKeys: [RecordKey] {
        var out: [RecordKey] = []
        out.reserveCapacity(pages.reduce(0) { $0 + $1.keys.count })
        for (p, page) in pages.enumerated() {
            for (i, key) in page.keys.enumerated() {
                out.append(RecordKey(id: key.id, path: page.path, position: key.position, nameLine: key.nameLine, page: p, index: i))
            }
        }
        return out
    }

    public var fileCount: Int { pages.count }
    public var convertedCount: Int { pages.count(where: \.converted) }

    /// The page's records as they were stored.
    func records(of page: Page) throws -> [Exercise] {
        try read([Exercise].self, page.records, of: page)
    }

    func diagnostics(of page: Page) throws -> [Diagnostic] {
        try read([Diagnostic].self, page.diagnostics, of: page)
    }

    private func read<T: StoredValue & RangeReplaceableCollection>(_ type: T.Type, _ slot: PageStore.Slot?, of page: Page) throws -> T {
        guard let slot else { return T() }
        let store = stores[page.store]
        let value: T?
        do { value = try store.value(T.self, at: slot) } catch {
            throw OutputError("\(store.url.path) holds unreadable data for \(page.path): \(error)")
        }
        guard let value else { throw OutputError("cannot read \(page.path)'s converted records back from \(store.url.path)") }
        return value
    }
}
