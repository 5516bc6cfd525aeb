import ExerciseModel
import ExerciseTaxonomy
import Foundation

/// `html`: per exercise, an embeddable snippet `<id>.jsonld.html` — the schema.org JSON-LD in a
/// `<script type="application/ld+json">` element, ready to paste into a page's `<head>` — and a
/// small preview page `<id>.html` showing the record with the same script and a check that parses
/// it in the browser (default folder `html/`).
///
/// Page text is untrusted: inside the script element the JSON escapes `<`, `>`, `&`, U+2028 and
/// U+2029 (as `\u003c` …), so no text can close the element or start another; in the visible
/// preview every text is HTML-escaped. Takes the JSON-LD exporter's `baseURL` and `urlPattern`.
public struct HTMLSnippetExporter: PerRecordExporter, TakesBaseURL {
    public static let format = "html"
    public static let summary = "embeddable <script type=\"application/ld+json\"> snippets and preview pages (path default: html; baseURL, urlPattern as for jsonld)"
    public var path: String
    public var fileSuffix: String { ".jsonld.html" }
    public var jsonLD: JSONLDExporter

    /// The JSON-LD exporter's options (it reads them), with this exporter's own path.
    public static func options(_ context: ExportContext) -> [ConfigOption] {
        [.path(default: "html")] + JSONLDExporter.options(context).filter { $0.key != "path" }
    }

    public init(options: inout ConfigObject, context: ExportContext) throws {
        path = try options.string("path") ?? "html"
        // baseURL and urlPattern mean what they mean for `jsonld`: the JSON-LD exporter reads and
        // checks them (its own `path` default is irrelevant here).
        jsonLD = try JSONLDExporter(options: &options, context: context)
    }

    public func with(baseURL: String) throws -> HTMLSnippetExporter {
        HTMLSnippetExporter(path: path, jsonLD: try jsonLD.with(baseURL: baseURL))
    }

    public init(path: String = "html", jsonLD: JSONLDExporter = JSONLDExporter()) {
        self.path = path
        self.jsonLD = jsonLD
    }

    public func open(_ output: OutputDirectory, context: ExportContext) throws -> any ExportWriter {
        // The snippet once per record: the preview page holds it too.
        PerRecordWriter(output, folder: path, exporter: Self.format, suffixes: [fileSuffix, ".html"]) { r, shared in
            let json = Self.scriptSafe(canonicalJSON: jsonLD.canonicalJSON(for: r, context: context, shared: shared))
            let snippet = Self.snippet(json: json)
            return [Data(snippet.utf8), Data(pageBytes(for: r, context: context, snippet: snippet))]
        }
    }

    /// JSON that is safe inside a `<script>` element (see the type's comment), written in one pass
    /// by the canonical writer: string replacement through Foundation cost more than the rest of
    /// the export.
    public static func scriptSafeJSON(_ value: JSONValue) -> String {
        var json = CanonicalJSONWriter(scriptSafe: true)
        value.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    public func snippet(for r: Exercise, context: ExportContext) -> String {
        Self.snippet(json: Self.scriptSafe(canonicalJSON: jsonLD.canonicalBytes(for: r, context: context)))
    }

    static func snippet(json: String) -> String { "<script type=\"application/ld+json\">\n\(json)</script>\n" }

    /// Canonical JSON made script-safe afterwards: in canonical JSON `& < >` and U+2028/U+2029 occur
    /// only inside strings, so escaping them wherever they are gives `scriptSafeJSON`'s bytes (the
    /// JSON-LD exporter's rendering is shared, not made again).
    public static func scriptSafe(canonicalJSON bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        bytes.withUnsafeBufferPointer { u in
            guard let base = u.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var start = 0, i = 0
            func escape(_ code: StaticString) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                out.append(0x5C); out.append(0x75)
                out.append(contentsOf: UnsafeBufferPointer(start: code.utf8Start, count: code.utf8CodeUnitCount))
            }
            while i < u.count {
                // Eight bytes at a time while none can be one of the five (most of the document).
                while i + 8 <= u.count, !CanonicalJSONWriter.mayBeScriptBreaking(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
                guard i < u.count else { break }
                switch u[i] {
                case 0x26: escape("0026"); i += 1; start = i
                case 0x3C: escape("003c"); i += 1; start = i
                case 0x3E: escape("003e"); i += 1; start = i
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escape(u[i + 2] == 0xA8 ? "2028" : "2029"); i += 3; start = i
                default: i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text for HTML: `& < > " '` as entities (over the UTF-8 bytes, which those never occur
    /// inside of).
    static func escape(_ s: String) -> String {
        var out = [UInt8]()
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape` appended to `out`, copied a run at a time between the five characters.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var bytes = s
        bytes.withUTF8 { u in
            var start = 0
            for i in 0..<u.count where isEscaped(u[i]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                switch u[i] {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                default: out.append(contentsOf: "&#39;".utf8)
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
        }
    }

    private static func isEscaped(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 }

    /// `snippet`: the record's snippet, when the caller has it already.
    public func page(for r: Exercise, context: ExportContext, snippet: String? = nil) -> String {
        String(decoding: pageBytes(for: r, context: context, snippet: snippet), as: UTF8.self)
    }

    /// The preview page's bytes, written as they go: the markup as it is, the record's text
    /// escaped a run at a time (as strings joined and interpolated, a fifth of the exporter).
    func pageBytes(for r: Exercise, context: ExportContext, snippet: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        func markup(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func text(_ s: String) { Self.appendEscaped(s, to: &out) }
        func list(_ tag: StaticString, _ title: StaticString, _ items: [String]) {
            guard !items.isEmpty else { return }
            markup("<h2>"); markup(title); markup("</h2>\n<"); markup(tag); markup(">\n")
            for item in items { markup("<li>"); text(item); markup("</li>\n") }
            markup("</"); markup(tag); markup(">\n")
        }
        func names(_ kind: TaxonomyKind, _ ids: [String]) -> String { ids.map { context.displayName(kind, $0) }.joined(separator: ", ") }
        var facts: [(StaticString, String)] = []
        if !r.bodyParts.isEmpty { facts.append(("Body part", names(.bodyPart, r.bodyParts))) }
        if !r.equipment.isEmpty { facts.append(("Equipment", names(.equipment, r.equipment))) }
        if !r.primaryMuscles.isEmpty { facts.append(("Target muscles", names(.muscle, r.primaryMuscles))) }
        if !r.secondaryMuscles.isEmpty { facts.append(("Secondary muscles", names(.muscle, r.secondaryMuscles))) }
        if !r.stabilizerMuscles.isEmpty { facts.append(("Stabilizer muscles", names(.muscle, r.stabilizerMuscles))) }
        if let d = r.difficulty { facts.append(("Difficulty", context.displayName(.difficulty, d))) }
        if let c = r.category { facts.append(("Category", context.displayName(.category, c))) }
        markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        text(r.name)
        markup("</title>\n")
        out.append(contentsOf: (snippet ?? self.snippet(for: r, context: context)).utf8)
        markup("</head>\n<body>\n<h1>")
        text(r.name)
        markup("</h1>\n")
        if let s = r.summary { markup("<p>"); text(s); markup("</p>\n") }
        if !facts.isEmpty {
            markup("<dl>\n")
            for (label, value) in facts { markup("<dt>"); markup(label); markup("</dt><dd>"); text(value); markup("</dd>\n") }
            markup("</dl>\n")
        }
        list("ol", "How to perform", r.steps)
        list("ul", "Tips", r.tips)
        list("ul", "Common mistakes", r.mistakes)
        list("ul", "Variations", r.variations.map(\.title))
        if !r.faq.isEmpty {
            markup("<h2>FAQ</h2>\n")
            for q in r.faq { markup("<h3>"); text(q.question); markup("</h3>\n<p>"); text(q.answer); markup("</p>\n") }
        }
        markup(Self.pageEnd)
        return out
    }

    /// The page after the record: the status line and the script that checks the JSON-LD.
    private static let pageEnd: StaticString = """
        <p id="jsonld-status">JSON-LD not checked (scripts disabled)</p>
        <script>
        // Preview check: every ld+json block must parse, and the page must hold exactly the two
        // script elements written here (the JSON-LD and this one): page text cannot add any.
        (function () {
          var blocks = document.querySelectorAll('script[type="application/ld+json"]');
          var errors = [];
          blocks.forEach(function (b, i) { try { JSON.parse(b.textContent); } catch (err) { errors.push(i + ': ' + err.message); } });
          var status = document.getElementById('jsonld-status');
          status.setAttribute('data-blocks', String(blocks.length));
          status.setAttribute('data-errors', String(errors.length));
          status.setAttribute('data-scripts', String(document.scripts.length));
          status.textContent = errors.length ? 'JSON-LD errors: ' + errors.join('; ') : 'JSON-LD: ' + blocks.length + ' block(s) parsed';
        })();
        </script>
        </body>
        </html>

        """
}
