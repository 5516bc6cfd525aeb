import ExerciseModel
@testable import ExerciseReaders
import Foundation
import Testing

/// Docusaurus, VuePress, Obsidian, GitHub and Hugo markdown read as the markdown it means.
@Suite struct DocsSiteSyntaxTests {
    @Test func docusaurusImportsTabsAndDirectives() throws {
        let page = """
        import Tabs from '@theme/Tabs';
        import TabItem from '@theme/TabItem';

        # Seated Cable Row

        A horizontal pull for the middle of the back.

        <Tabs>
        <TabItem value="how" label="How to do it">

        1. Sit tall with your feet on the platform.
        2. Pull the handle to your stomach.
        3. Return slowly.
        :::caution Common mistakes
        - Leaning far back
        - Shrugging the shoulders
        :::

        </TabItem>
        </Tabs>

        :::tip
        Lead with the elbows.
        :::
        """
        let r = Support.convert(page, path: "row.md")
        let record = try #require(r.record)
        #expect(record.summary == "A horizontal pull for the middle of the back.")
        #expect(record.steps == ["Sit tall with your feet on the platform.", "Pull the handle to your stomach.", "Return slowly."])
        #expect(record.mistakes == ["Leaning far back", "Shrugging the shoulders"])
        #expect(record.tips == ["Lead with the elbows."])
        #expect(!r.diagnostics.contains { $0.code == "raw-html" }, "\(r.diagnostics.map(\.formatted))")
    }

    @Test func obsidianCalloutsAndWikilinks() throws {
        let page = """
        # Goblet Squat

        A squat holding one [[Dumbbell]] at the chest, from [[Leg Day|the leg day plan]].

        > [!example] How to perform
        > 1. Hold the dumbbell against your chest.
        > 2. Sit down between your heels.
        > 3. Stand back up.

        > [!warning]- Avoid these
        > - Letting the knees cave in

        > [!info] Muscles
        > Primary: quads, glutes
        > Secondary: adductors
        """
        let record = try #require(Support.convert(page, path: "goblet.md").record)
        #expect(record.summary == "A squat holding one Dumbbell at the chest, from the leg day plan.")
        #expect(record.steps == ["Hold the dumbbell against your chest.", "Sit down between your heels.", "Stand back up."])
        #expect(record.mistakes == ["Letting the knees cave in"])
        #expect(record.primaryMuscles == ["quads", "glutes"])
        #expect(record.secondaryMuscles == ["adductors"])
    }

    @Test func hugoShortcodes() throws {
        let page = """
        # Dead Bug

        A floor drill for the core.

        {{< youtube dQw4w9WgXcQ >}}

        ## Steps

        1. Lie on your back with arms up.
        2. Lower the opposite arm and leg.
        {{< figure src="/img/dead-bug.jpg" alt="Dead bug, arms up" >}}

        ## Tips

        {{% notice tip %}}
        Keep the lower back on the floor.
        {{% /notice %}}

        {{< newsletter-signup >}}
        """
        let r = Support.convert(page, path: "dead-bug.md")
        let record = try #require(r.record)
        #expect(record.steps == ["Lie on your back with arms up.", "Lower the opposite arm and leg."])
        #expect(record.tips == ["Keep the lower back on the floor."])
        #expect(record.media == [Media(url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", kind: .video), Media(url: "/img/dead-bug.jpg", kind: .image, caption: "Dead bug, arms up")])
        let note = try #require(r.diagnostics.first { $0.code == "shortcode-not-read" })
        #expect(note.line == 19)
        #expect(note.message == "Hugo shortcode 'newsletter-signup' is not read (Hugo makes its output); left out")
    }

    /// Fenced code stays as it is, and every line keeps its number.
    @Test func fencedCodeIsLeftAloneAndLinesKeepTheirNumbers() {
        let text = "Intro\n\n```md\n:::tip\n> [!note] x\n{{< youtube a >}}\n[[Link]]\n```\n\n:::tip\nBody\n:::\n"
        var sink = DiagnosticSink()
        let out = DocsSiteSyntax.rewrite(text, firstLine: 1, diagnostics: &sink)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(Array(lines[2...7]) == ["```md", ":::tip", "> [!note] x", "{{< youtube a >}}", "[[Link]]", "```"])
        #expect(Array(lines[9...11]) == ["## Tips", "Body", ""])
        #expect(sink.diagnostics.isEmpty)
    }
}
