import ExerciseDocument
import ExerciseModel

/// Pages a content folder holds that are deliberately not exercises: drafts (`draft: true`, the
/// Hugo and Jekyll convention, or Jekyll's `published: false`) and index pages (Hugo's section
/// `_index.md`, or a page whose lists only link to other pages). They give no record and one note
/// saying why; the page counts as skipped, not failed.
enum PageSkips {
    /// Why the page is a draft, or nil. Front matter values are text (`MetadataValue`), so YAML's
    /// `true`/`yes` and TOML's `true` read alike.
    static func draft(_ metadata: [MetadataEntry]) -> MetadataEntry? {
        metadata.first { entry in
            guard case .text(let value) = entry.value else { return false }
            let key = FactKey.normalize(entry.key), v = value.lowercased()
            return (key == "draft" && ["true", "yes", "on"].contains(v)) || (key == "published" && ["false", "no", "off"].contains(v))
        }
    }

    /// A Hugo branch bundle's list page: `_index.md` (or .html …), whatever it holds.
    static func isSectionIndex(path: String) -> Bool {
        let file = path.lastSlashComponent
        return file.hasPrefix("_index.")
    }

    /// The list items of the page that are nothing but a link to another page ("- [Squat](squat/)"),
    /// by their text.
    static func linkOnlyItems(_ section: Section) -> [String] {
        var texts: [String] = []
        func visit(_ section: Section) {
            for case .list(let list) in section.blocks {
                for item in list.items where item.text.links.count == 1 {
                    let link = item.text.links[0]
                    if !link.url.hasPrefix("#"), PlainText.collapse(link.text) == item.text.text { texts.append(item.text.text) }
                }
            }
            section.children.forEach(visit)
        }
        visit(section)
        return texts
    }

    /// A page that lists other pages: at least three link-only items, nothing an exercise states
    /// (muscles, equipment, tips, mistakes, questions), and no step that is not one of those links
    /// (an index's link list otherwise reads as steps). Returns how many pages it lists.
    static func listedPages(_ record: Exercise, root: Section) -> Int? {
        guard record.primaryMuscles.isEmpty, record.secondaryMuscles.isEmpty, record.equipment.isEmpty,
              record.tips.isEmpty, record.mistakes.isEmpty, record.faq.isEmpty else { return nil }
        let links = linkOnlyItems(root)
        guard links.count >= 3 else { return nil }
        let linked = Set(links)
        guard record.steps.allSatisfy({ linked.contains($0) }) else { return nil }
        return links.count
    }
}

extension DiagnosticCode {
    static let draftSkipped = DiagnosticCode("draft", .info,
        "The page's front matter marks it a draft (`draft: true`, or `published: false`): not converted, as a site build leaves it out. `run --include-drafts` (or `convert --include-drafts`) converts drafts too.")
    static let indexPage = DiagnosticCode("index-page", .info,
        "The page lists other pages (a Hugo section's `_index.md`, or a page whose lists only link to other pages) and states nothing an exercise does: not an exercise, no record. Nothing to do, unless it is an exercise page: then give it steps, muscles or equipment.")
}
