import ExerciseModel
import ExerciseTaxonomy

/// The JSON-LD document written straight to canonical bytes: what `document(for:)` builds, member
/// by member in the UTF-8 order of the keys (`@` sorts before letters), with no tree of values to
/// build and no keys to sort. Building and sorting that tree once per record was 5% of a run with
/// every exporter. `document(for:)` stays the readable statement of the document, and
/// CanonicalJSONWriterTests hold these bytes to its canonical bytes on every sample and real
/// page and on a record with every part.
extension JSONLDExporter {
    func write(_ r: Exercise, context: ExportContext, to json: inout CanonicalJSONWriter) {
        let pageURL = pageURL(for: r)
        let idPrefix = pageURL.map { "\($0)#" } ?? "_:"
        func ref(_ key: String, _ fragment: String) {
            json.key(key)
            json.beginObject()
            json.member("@id", idPrefix + fragment)
            json.endObject()
        }
        json.beginObject()
        json.member("@context", "https://schema.org")
        json.key("@graph")
        json.beginArray()
        if let pageURL {
            json.element()
            json.beginObject()
            json.member("@id", pageURL)
            json.member("@type", "WebPage")
            ref("about", "exercise")
            ref("breadcrumb", "breadcrumb")
            json.member("description", r.summary)
            ref("mainEntity", "howto")
            json.member("name", r.name)
            let links = relatedLinks(of: r)
            if !links.isEmpty { json.member("relatedLink", links) }
            json.member("url", pageURL)
            json.endObject()
            json.element()
            writeBreadcrumb(r, id: idPrefix + "breadcrumb", context: context, to: &json)
        }

        json.element()
        json.beginObject()
        json.member("@id", idPrefix + "exercise")
        json.member("@type", "PhysicalActivity")
        if !(r.bodyParts.isEmpty && r.primaryMuscles.isEmpty && r.secondaryMuscles.isEmpty && r.stabilizerMuscles.isEmpty) {
            json.key("associatedAnatomy")
            json.beginArray()
            for part in r.bodyParts {
                json.element()
                json.beginObject()
                json.member("@type", "SuperficialAnatomy")
                json.member("name", context.displayName(.bodyPart, part))
                json.endObject()
            }
            writeMuscles(r.primaryMuscles, role: "Target muscle", context, to: &json)
            writeMuscles(r.secondaryMuscles, role: "Secondary muscle", context, to: &json)
            writeMuscles(r.stabilizerMuscles, role: "Stabilizer muscle", context, to: &json)
            json.endArray()
        }
        if let c = r.category, let member = context.taxonomy[.category].term(c)?.schemaOrg {
            json.member("category", "https://schema.org/\(member)")
        }
        json.member("description", r.summary)
        json.member("name", r.name)
        json.endObject()

        json.element()
        json.beginObject()
        json.member("@id", idPrefix + "howto")
        json.member("@type", "HowTo")
        ref("about", "exercise")
        json.member("description", r.summary)
        json.member("educationalLevel", r.difficulty.map { context.displayName(.difficulty, $0) })
        if !r.tips.isEmpty || !r.mistakes.isEmpty {
            json.key("hasPart")
            json.beginArray()
            if !r.tips.isEmpty { writeSection("Pro tips", r.tips, to: &json) }
            if !r.mistakes.isEmpty { writeSection("Common mistakes", r.mistakes, to: &json) }
            json.endArray()
        }
        // Media with absolute urls only (see `document(for:)`).
        let media = r.media.compactMap { m in absoluteURL(of: m).map { (m, $0) } }
        writeObjects("image", media.filter { $0.0.kind == .image }, to: &json) { item, json in
            json.member("@type", "ImageObject")
            json.member("caption", item.0.caption)
            json.member("contentUrl", item.1)
        }
        json.member("name", "How to do the \(r.name)")
        writePositioned("step", "HowToStep", r.steps, to: &json)
        writeObjects("tool", r.equipment.map { context.displayName(.equipment, $0) } + (r.unknownTerms["equipment"] ?? []), to: &json) { tool, json in
            json.member("@type", "HowToTool")
            json.member("name", tool)
        }
        writeObjects("video", media.filter { $0.0.kind == .video }, to: &json) { item, json in
            json.member("@type", "VideoObject")
            json.member("name", item.0.caption ?? r.name)
            json.member("url", item.1)
        }
        json.endObject()

        if !r.faq.isEmpty {
            json.element()
            json.beginObject()
            json.member("@id", idPrefix + "faq")
            json.member("@type", "FAQPage")
            if let pageURL {
                json.key("isPartOf")
                json.beginObject()
                json.member("@id", pageURL)
                json.endObject()
            }
            writeObjects("mainEntity", r.faq, to: &json) { q, json in
                json.member("@type", "Question")
                json.key("acceptedAnswer")
                json.beginObject()
                json.member("@type", "Answer")
                json.member("text", q.answer)
                json.endObject()
                json.member("name", q.question)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private func writeBreadcrumb(_ r: Exercise, id: String, context: ExportContext, to json: inout CanonicalJSONWriter) {
        var crumbs: [(String, String?)] = [("Exercises", baseURL ?? "")]
        if let part = r.bodyParts.first { crumbs.append((context.displayName(.bodyPart, part), (baseURL ?? "") + part)) }
        crumbs.append((r.name, nil))
        json.beginObject()
        json.member("@id", id)
        json.member("@type", "BreadcrumbList")
        writeObjects("itemListElement", Array(crumbs.enumerated()), to: &json) { crumb, json in
            json.member("@type", "ListItem")
            json.member("item", crumb.element.1)
            json.member("name", crumb.element.0)
            json.key("position")
            json.int(crumb.offset + 1)
        }
        json.endObject()
    }

    private func writeMuscles(_ ids: [String], role: String, _ context: ExportContext, to json: inout CanonicalJSONWriter) {
        for id in ids {
            json.element()
            json.beginObject()
            json.member("@type", "Muscle")
            json.member("alternateName", context.taxonomy[.muscle].term(id)?.latin)
            json.member("description", role)
            json.member("name", context.displayName(.muscle, id))
            json.endObject()
        }
    }

    private func writePositioned(_ key: String, _ type: String, _ texts: [String], to json: inout CanonicalJSONWriter) {
        writeObjects(key, Array(texts.enumerated()), to: &json) { text, json in
            json.member("@type", type)
            json.key("position")
            json.int(text.offset + 1)
            json.member("text", text.element)
        }
    }

    /// `key`: an array of one object per item, `body` writing each object's members; nothing for
    /// no items (the document leaves out empty lists).
    private func writeObjects<T>(_ key: String, _ items: [T], to json: inout CanonicalJSONWriter, _ body: (T, inout CanonicalJSONWriter) -> Void) {
        guard !items.isEmpty else { return }
        json.key(key)
        json.beginArray()
        for item in items {
            json.element()
            json.beginObject()
            body(item, &json)
            json.endObject()
        }
        json.endArray()
    }

    private func writeSection(_ name: String, _ texts: [String], to json: inout CanonicalJSONWriter) {
        json.element()
        json.beginObject()
        json.member("@type", "HowToSection")
        writePositioned("itemListElement", "HowToTip", texts, to: &json)
        json.member("name", name)
        json.endObject()
    }
}
