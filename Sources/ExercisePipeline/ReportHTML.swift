import ExerciseModel

/// The markup of report.html, piece by piece (`ReportPage` decides what goes in). Every text that
/// came from a page or a diagnostic goes through `escape`; the page's policy forbids loading or
/// running anything, so even a mistake here could not fetch or execute.
enum ReportHTML {
    /// Text and attribute values (always in double quotes): `& < > "` as entities, C0 controls
    /// (which HTML forbids) as U+FFFD.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n": out.unicodeScalars.append(c)
            case _ where c.value < 0x20: out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The docs' help text: escaped, its `code spans` as `<code>`.
    static func help(_ markdown: String) -> String {
        escape(markdown).split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    /// "primaryMuscles" → "Primary muscles", from the field's JSON key.
    static func label(_ field: Exercise.Field) -> String {
        if field == .faq { return "FAQ" }
        var words = ""
        for c in field.rawValue { words += c.isUppercase ? " " + c.lowercased() : String(c) }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// 20000 → "20,000" (fixed, not the machine's locale: the bytes must not depend on it).
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func severityLabel(_ s: Diagnostic.Severity) -> String { s == .info ? "note" : s.rawValue }

    /// An anchor for a code (codes are kebab-case; anything else is dropped).
    static func anchor(_ code: String) -> String {
        "code-" + String(code.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
    }

    /// Marks the page as the tool's, so that a run killed after writing it (before its manifest)
    /// does not leave a report.html the next run must treat as the user's (`OutputState.reportsOfAKilledRun`).
    static let generator = "<meta name=\"generator\" content=\"exercise-pipeline\">"

    static func head(title: String, summary: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(generator)
        <title>\(escape(title))</title>
        <style>
        \(style)</style>
        </head>
        <body>
        <main>
        <header>
        <h1>Run report</h1>
        <p class="summary">\(escape(summary))</p>
        <p class="hint">The same run as report.json beside this page, which lists every diagnostic in full.</p>
        </header>

        """
    }

    static func totals(_ items: [(key: String, label: String, value: Int)]) -> String {
        var out = "<section aria-label=\"Totals\">\n<dl class=\"totals\">\n"
        for item in items {
            let tone = item.value > 0 && ["errors", "failed"].contains(item.key) ? " bad" : (item.value > 0 && item.key == "warnings" ? " warn" : "")
            out += "<div class=\"total\(tone)\"><dt>\(escape(item.label))</dt><dd id=\"total-\(item.key)\">\(number(item.value))</dd></div>\n"
        }
        return out + "</dl>\n</section>\n"
    }

    /// One bar per field: how many of the records give it, out of all.
    static func coverage(_ bars: [(field: Exercise.Field, count: Int)], records: Int) -> String {
        let labelWidth = 160, barX = 172, barWidth = 500, row = 30
        let height = bars.count * row + 8
        var out = "<section id=\"coverage\">\n<h2>Field coverage</h2>\n"
        out += "<p class=\"lead\">How many of the \(number(records)) record\(records == 1 ? "" : "s") give each field.</p>\n"
        out += "<svg class=\"chart\" viewBox=\"0 0 \(barX + barWidth + 130) \(height)\" width=\"\(barX + barWidth + 130)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"coverage-title\">\n"
        out += "<title id=\"coverage-title\">Records giving each field, of \(number(records))</title>\n"
        for (i, bar) in bars.enumerated() {
            let y = 4 + i * row
            let width = records == 0 ? 0 : Int((Double(bar.count) * Double(barWidth) / Double(records)).rounded())
            let percent = records == 0 ? 0 : Int((Double(bar.count) * 100 / Double(records)).rounded())
            let tone = bar.count == 0 ? "none" : (bar.count == records ? "full" : "part")
            out += "<g class=\"bar \(tone)\" data-field=\"\(bar.field.rawValue)\" data-count=\"\(bar.count)\">"
            out += "<text class=\"name\" x=\"\(labelWidth)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(label(bar.field)))</text>"
            out += "<rect class=\"track\" x=\"\(barX)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"18\" rx=\"4\"/>"
            if width > 0 { out += "<rect class=\"fill\" x=\"\(barX)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"18\" rx=\"4\"/>" }
            out += "<text class=\"value\" x=\"\(barX + barWidth + 10)\" y=\"\(y + 15)\">\(number(bar.count)) · \(percent)%</text></g>\n"
        }
        return out + "</svg>\n</section>\n"
    }

    struct TermRow {
        var label: String
        var field: Exercise.Field
        var records: Int
        var suggestions: [String]
    }

    static func unknownTerms(_ rows: [TermRow], total: Int) -> String {
        var out = "<section id=\"unknown-terms\">\n<h2>Unknown terms</h2>\n"
        guard !rows.isEmpty else { return out + "<p class=\"lead\">Every label was found in the taxonomy.</p>\n</section>\n" }
        out += "<p class=\"lead\">Labels the taxonomy does not know, kept in the records' <code>unknownTerms</code>; the suggestions are its nearest terms. Add one with a taxonomy extension.</p>\n"
        out += "<table class=\"terms\">\n<thead><tr><th>Term</th><th>Field</th><th class=\"num\">Records</th><th>Did you mean</th></tr></thead>\n<tbody>\n"
        for r in rows {
            let suggestions = r.suggestions.isEmpty ? "<span class=\"quiet\">no close term</span>" : r.suggestions.map { "<code>\(escape($0))</code>" }.joined(separator: " ")
            out += "<tr><td>\(escape(r.label))</td><td>\(escape(label(r.field)))</td><td class=\"num\">\(number(r.records))</td><td class=\"suggest\">\(suggestions)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if total > rows.count { out += "<p class=\"more\">\(number(total - rows.count)) less frequent terms are not listed; report.json's unknown-term diagnostics name them all.</p>\n" }
        return out + "</section>\n"
    }

    static func diagnosticsIndex(_ codes: [(code: String, severity: Diagnostic.Severity, count: Int)]) -> String {
        var out = "<section id=\"diagnostics\">\n<h2>Diagnostics by code</h2>\n"
        guard !codes.isEmpty else { return out + "<p class=\"lead\">The run reported nothing.</p>\n" }
        out += "<p class=\"lead\">Each code once, errors first; a code's group lists where it was reported.</p>\n<ul class=\"codes\">\n"
        for c in codes {
            out += "<li><a href=\"#\(anchor(c.code))\"><span class=\"badge \(c.severity.rawValue)\">\(severityLabel(c.severity))</span> <code>\(escape(c.code))</code> <span class=\"count\">\(number(c.count))</span></a></li>\n"
        }
        return out + "</ul>\n"
    }

    /// A group opens when it is short enough to read at a glance.
    static func groupOpening(code: String, severity: Diagnostic.Severity, help: String?, count: Int, shown: Int) -> String {
        var out = "<details class=\"group\" id=\"\(anchor(code))\"\(count <= 25 ? " open" : "")>\n"
        let listed = shown < count ? " (the first \(number(shown)) listed)" : ""
        out += "<summary><span class=\"badge \(severity.rawValue)\">\(severityLabel(severity))</span> <code>\(escape(code))</code> <span class=\"count\">\(number(count))\(listed)</span></summary>\n"
        if let help { out += "<p class=\"help\">\(Self.help(help))</p>\n" }
        return out + "<table class=\"where\">\n<thead><tr><th>Page</th><th>Message</th></tr></thead>\n<tbody>\n"
    }

    static func row(_ d: Diagnostic) -> String {
        let location = d.line.map { "\(d.file):\($0)" } ?? d.file
        return "<tr class=\"\(d.severity.rawValue)\"><td class=\"file\">\(escape(location))</td><td>\(escape(d.message))</td></tr>\n"
    }

    static func groupClosing(count: Int, shown: Int) -> String {
        "</tbody>\n</table>\n" + (count > shown ? "<p class=\"more\">\(number(count - shown)) more are not listed here; report.json lists every one.</p>\n" : "") + "</details>\n"
    }

    static let style = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #e3e7ee; --panel: #f6f8fb; --accent: #2f6fde;
                --error: #c0362c; --warning: #b86e00; --info: #51607a; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 64px; }
        h1 { font-size: 28px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--panel);
               padding: 1px 5px; border-radius: 4px; }
        .summary { font-size: 16px; margin: 0; }
        .hint, .lead, .quiet, .more { color: var(--muted); }
        .lead { margin: 0 0 14px; }
        .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(104px, 1fr)); gap: 12px; margin: 24px 0 0; }
        .total { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
        .total dt { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        .total dd { margin: 2px 0 0; font-size: 28px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .total.bad dd { color: var(--error); }
        .total.warn dd { color: var(--warning); }
        .chart { max-width: 100%; height: auto; }
        .chart text { font-size: 14px; fill: var(--ink); font-variant-numeric: tabular-nums; }
        .chart .value { fill: var(--muted); }
        .chart .track { fill: var(--panel); stroke: var(--line); }
        .chart .fill { fill: var(--accent); }
        .chart .full .fill { fill: #2e9e6a; }
        .chart .none .name { fill: var(--muted); }
        table { width: 100%; border-collapse: collapse; font-size: 14px; }
        th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 10px; }
        td { border-bottom: 1px solid var(--line); padding: 6px 10px; vertical-align: top; overflow-wrap: anywhere; }
        .num { text-align: right; font-variant-numeric: tabular-nums; width: 6em; }
        .suggest code { margin-right: 4px; }
        .codes { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
        .codes a { display: inline-block; text-decoration: none; color: var(--ink); border: 1px solid var(--line);
                   border-radius: 999px; padding: 3px 10px 3px 4px; }
        .codes a:hover { border-color: var(--accent); }
        .count { color: var(--muted); font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; min-width: 62px; text-align: center; font-size: 12px; font-weight: 600; color: #fff;
                 border-radius: 999px; padding: 1px 8px; text-transform: uppercase; letter-spacing: .03em; }
        .badge.error { background: var(--error); }
        .badge.warning { background: var(--warning); }
        .badge.info { background: var(--info); }
        .group { border: 1px solid var(--line); border-radius: 10px; margin: 14px 0; padding: 0 14px; }
        .group summary { cursor: pointer; padding: 10px 0; font-size: 15px; }
        .group[open] summary { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
        .group .help { color: var(--muted); margin: 4px 0 10px; }
        .group table { margin-bottom: 12px; }
        .where .file { width: 40%; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
        .where tr.error td:first-child { box-shadow: inset 3px 0 var(--error); }
        .where tr.warning td:first-child { box-shadow: inset 3px 0 var(--warning); }
        .where tr.info td:first-child { box-shadow: inset 3px 0 var(--info); }

        """
}
