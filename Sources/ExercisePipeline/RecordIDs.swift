import ExerciseExporters
import ExerciseModel

/// The rules every record's id obeys when it leaves the runner, whatever stages pipeline.json
/// names: non-empty, file-name-safe (lower-case `[a-z0-9-]`, no leading or trailing `-`), at most
/// `maximumLength` characters (a cut id ends in a short hash of the whole, so two long names that
/// share a prefix stay apart), and unique in the batch. `assign-id` and `unique-ids` are these
/// rules as named stages; the runner applies them again after the configured stages.
public enum RecordIDs {
    public static let maximumLength = 80

    /// True for an id that can be a file name as it is.
    public static func isSafe(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maximumLength && id.first != "-" && id.last != "-"
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Gives the record an id when it has none (the slug of its name, else of its file name, else
    /// a prefix of its content hash) and makes an unsafe one safe.
    public static func assign(_ item: inout ExtractedRecord, diagnostics: inout DiagnosticSink) {
        var r = item.record
        if !r.id.isEmpty && isSafe(r.id) { return }
        if !r.id.isEmpty { r.id = PlainText.slug(r.id) }
        if r.id.isEmpty { r.id = PlainText.slug(r.name) }
        if r.id.isEmpty {
            let stem = r.source.path.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? ""
            r.id = PlainText.slug(stem)
            // A hash of the name (else of the path), not of the page: an edit elsewhere on the
            // page must not rename its files and its published URL.
            if r.id.isEmpty { r.id = "exercise-" + String(ContentHash.hex(Array((r.name.isEmpty ? r.source.path : r.name).utf8)).prefix(12)) }
            diagnostics.report(.idFallback, "name '\(r.name)' gives no usable id; using '\(r.id)' (set slug: in the front matter for one of your own)", line: item.sourceMap[.name])
        }
        if r.id.utf8.count > maximumLength {
            let whole = r.id
            r.id = shortened(whole)
            diagnostics.report(.idShortened, "id '\(preview(whole))' is \(whole.utf8.count) characters long; shortened to '\(r.id)'", line: item.sourceMap[.name])
        }
        item.record = r
    }

    /// A slug cut to fit, at a word boundary where one is near, with 8 hex digits of its hash.
    static func shortened(_ slug: String) -> String {
        let hash = String(ContentHash.hex(Array(slug.utf8)).prefix(8))
        var head = String(slug.prefix(maximumLength - hash.count - 1))
        if let dash = head.lastIndex(of: "-"), head.distance(from: head.startIndex, to: dash) > maximumLength / 2 {
            head = String(head[..<dash])
        }
        while head.hasSuffix("-") { head.removeLast() }
        return head.isEmpty ? hash : "\(head)-\(hash)"
    }

    /// `id-n`, the id cut first when the suffix would take it past the maximum length (a cut id is
    /// already 80 characters; found by fuzzing: two long headings on one page).
    static func numbered(_ id: String, _ n: Int) -> String {
        let suffix = "-\(n)"
        var head = Substring(id.prefix(maximumLength - suffix.count))
        while head.hasSuffix("-") { head.removeLast() }
        return head + suffix
    }

    /// Two records with one id would overwrite each other's files. The first (by source path, then
    /// page order) keeps the id; later ones get `-2`, `-3`, … and a warning naming both files.
    public static func makeUnique(_ keys: consuming [RecordKey], diagnostics: inout DiagnosticSink) -> [RecordKey] {
        // Changed in place: the caller's only copy (a batch's keys are large).
        var out = keys
        // The batch comes in path order, a page's records in page order; sort only if not.
        var order = Array(out.indices)
        let inOrder = zip(out, out.dropFirst()).allSatisfy { ($0.path, $0.position) <= ($1.path, $1.position) }
        if !inOrder { order.sort { (out[$0].path, out[$0].position, $0) < (out[$1].path, out[$1].position, $1) } }
        // Every id's first holder (by that order); a new id must be free of all of them.
        var holder = [String: Int](minimumCapacity: out.count)
        for i in order where holder[out[i].id] == nil { holder[out[i].id] = i }
        // The suffix last given to each id: every smaller one was taken then, and still is (ids
        // are only ever added), so the search for the next free one starts after it. Counting
        // from 2 for every copy made a site with many copies of a name quadratic.
        var lastSuffix: [String: Int] = [:]
        for i in order {
            let id = out[i].id
            guard let first = holder[id], first != i else { continue }
            var n = (lastSuffix[id] ?? 1) + 1
            while holder[numbered(id, n)] != nil { n += 1 }
            lastSuffix[id] = n
            let newID = numbered(id, n)
            diagnostics.report(.duplicateID, "id '\(id)' is already used by \(out[first].path); this record is '\(newID)'", line: out[i].nameLine, file: out[i].path)
            out[i].id = newID
            holder[newID] = i
        }
        return inOrder ? out : order.map { out[$0] }
    }

    /// The runner's guarantee over the batch: ids unique, keys in id order. (Each record's id was
    /// made safe in its page's job: `assign`.)
    static func enforce(_ keys: consuming [RecordKey], diagnostics: inout DiagnosticSink) -> [RecordKey] {
        var unique = makeUnique(keys, diagnostics: &diagnostics)
        unique.sort { $0.id < $1.id }
        return unique
    }

    private static func preview(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(37)) + "…"
    }
}

extension DiagnosticCode {
    static let idFallback = DiagnosticCode("id-fallback", .info,
        "The name gives no usable id (no Latin letters or digits); the file name, else a hash of the name, was used (it changes only when the name does). Set `slug:` in front matter to choose one.")
    static let idShortened = DiagnosticCode("id-shortened", .info,
        "The id would be longer than 80 characters; it was cut and given a short hash suffix so it stays unique. Set `slug:` to choose a shorter one.")
    static let duplicateID = DiagnosticCode("duplicate-id", .warning,
        "Two pages give the same id; the first (by path) keeps it and this one gets a numeric suffix. Give one of them a different name or `slug:`.")
}
