import CCmarkGFM
import ExerciseModel
import Foundation
import Testing

/// The HTML reader on the layouts real pages use; each asserts the exact fields.
@Suite struct HTMLLayoutTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func convertInput(_ path: String) throws -> (Exercise, [Diagnostic]) {
        let bytes = [UInt8](try Data(contentsOf: Support.root.appendingPathComponent(path)))
        let result = Support.convert(bytes: bytes, path: path, format: "html")
        return (try #require(result.record), result.diagnostics)
    }

    /// The seed page rendered to HTML (cmark-gfm's own renderer) inside a site's chrome gives the
    /// record the markdown gives, source aside.
    @Test func seedLayoutAsHTMLEqualsTheMarkdownRecord() throws {
        let markdown = try String(contentsOf: Support.seed, encoding: .utf8)
        let rendered = markdown.withCString { cmark_markdown_to_html($0, strlen($0), CMARK_OPT_DEFAULT) }!
        defer { free(rendered) }
        let template = try String(contentsOf: Self.fixtures.appendingPathComponent("site-page.html"), encoding: .utf8)
        let page = template.replacingOccurrences(of: "<!--CONTENT-->", with: String(cString: rendered))

        let fromMarkdown = try #require(Support.convert(markdown, path: "seed.md").record)
        let html = Support.convert(page, path: "seed.html", format: "html")
        var fromHTML = try #require(html.record)
        #expect(fromHTML.source.format == "html")
        fromHTML.source = fromMarkdown.source
        #expect(fromHTML == fromMarkdown)
        // Nothing of the chrome leaks in: no cookie text, menu, ad or footer anywhere.
        let json = String(decoding: CanonicalJSON.data(fromHTML), as: UTF8.self)
        for chrome in ["cookies", "Log in", "Browse by muscle", "protein", "Terms", "Sign up"] {
            #expect(!json.contains(chrome), "\(chrome) leaked into the record")
        }
        // The page's own closing call to action, and the muscle its tips name but do not list.
        #expect(html.diagnostics.map(\.code) == ["unused-content", "undeclared-muscle"])
    }

    @Test func siteChromeAroundTheSeedLayout() throws {
        let (r, diagnostics) = try convertInput("input/html/cable-face-pull.html")
        #expect(r.name == "Cable Face Pull")
        #expect(r.summary == "The cable face pull is an upper back and rear shoulder exercise done with a rope on a high cable. Pulling the rope toward your face with the elbows high builds the rear delts and the muscles that keep your shoulder blades healthy.")
        #expect(r.bodyParts == ["shoulders"])
        #expect(r.equipment == ["cable"])
        #expect(r.primaryMuscles == ["rear-deltoid"])
        #expect(r.secondaryMuscles == ["rhomboids", "traps", "rotator-cuff"])
        #expect(r.difficulty == "beginner")
        #expect(r.category == "strength")
        #expect(r.steps.count == 5)
        #expect(r.steps.first == "Set a cable pulley at upper-chest height and attach a rope handle.")
        #expect(r.tips == ["Think about pulling the rope apart as much as pulling it back.", "Keep your ribs down so the lower back does not arch."])
        #expect(r.mistakes.count == 2)
        #expect(r.faq.map(\.question) == ["How many reps should I do?", "Can I do face pulls with a band?"])
        #expect(r.related == [
            RelatedLink(title: "More Shoulders Exercises", url: "https://example.com/exercises/shoulders"),
            RelatedLink(title: "More Cable Exercises", url: "https://example.com/exercises/equipment/cable"),
        ])
        #expect(diagnostics.isEmpty)
    }

    @Test func blogArticleWithNumberedParagraphsAndAMusclesSentence() throws {
        let (r, diagnostics) = try convertInput("input/html/walking-lunge.html")
        #expect(r.name == "Walking Lunge")
        #expect(r.summary == "Walking lunges build single-leg strength and balance by stepping forward into a lunge, one leg after the other, across the room.")
        #expect(r.primaryMuscles == ["quads", "glutes", "hamstrings", "calves"])
        #expect(r.attributes == ["musclesText": "This move mainly works your quadriceps and glutes, and your hamstrings and calves help you balance."])
        #expect(r.steps == [
            "Stand tall with your feet together and your hands on your hips.",
            "Take a long step forward with your right foot and lower your back knee toward the floor.",
            "Push through your front heel and bring your back foot forward into the next step.",
            "Keep alternating legs for 10 to 12 steps on each side.",
        ])
        #expect(r.tips == ["Keep your front knee in line with your second toe.", "Hold dumbbells at your sides once body weight feels easy."])
        // Comments, newsletter box, breadcrumbs and sidebar are chrome, not content.
        #expect(diagnostics.map(\.code) == ["terms-from-text"])
    }

    @Test func legacyTableLayoutInWindows1252() throws {
        let (r, diagnostics) = try convertInput("input/html/legacy/barbell-bench-press.htm")
        #expect(r.name == "Barbell Bench Press")
        #expect(r.summary == "The lifter\u{2019}s classic press for the chest \u{2013} done lying on a flat bench with a barbell.")
        #expect(r.attributes == ["utility": "Basic", "mechanics": "Compound", "force": "Push"])
        #expect(r.stabilizerMuscles == ["biceps"])
        #expect(r.steps == [
            "Lie on the bench with your eyes under the bar. Grip the bar slightly wider than shoulder width.",
            "Lower the bar to your mid-chest.",
            "Press the bar up until your arms are straight.",
        ])
        #expect(r.tips == ["Keep your feet flat on the floor and your shoulder blades pinched together."])
        #expect(r.primaryMuscles == ["middle-chest", "upper-chest"])
        #expect(r.secondaryMuscles == ["front-deltoid", "triceps"])
        #expect(r.equipment == ["barbell", "flat-bench"])
        #expect(r.difficulty == "intermediate")
        #expect(!diagnostics.contains { $0.severity != .info })
    }

    @Test func definitionListAndAttributeTable() throws {
        let (r, _) = try convertInput("input/html/kettlebell-deadlift.html")
        #expect(r.equipment == ["kettlebell"])
        #expect(r.primaryMuscles == ["glutes", "hamstrings"])
        #expect(r.difficulty == "beginner")
        #expect(r.bodyParts == ["upper-legs"])
        #expect(r.category == "strength")
        #expect(r.attributes == ["grip": "Overhand, both hands on the handle"])
        #expect(r.steps.count == 3)
    }

    @Test func jsonLDFillsWhatTheVisiblePageLacks() throws {
        let (r, diagnostics) = try convertInput("input/html/bird-dog.html")
        #expect(r.name == "Bird Dog")
        #expect(r.summary == "A gentle core exercise for all levels.")  // visible text wins
        #expect(r.steps.count == 3)
        #expect(r.equipment == ["gym-mat"])
        #expect(r.primaryMuscles == ["lower-back", "glutes"])
        #expect(r.category == "balance")
        #expect(r.difficulty == "beginner")
        #expect(r.faq == [FAQEntry(question: "Is the bird dog good for back pain?", answer: "It is a common rehabilitation exercise because it trains the back muscles without heavy load.")])
        #expect(diagnostics.map(\.code) == ["from-structured-data"])
    }

    @Test func microdataFillsWhatTheVisiblePageLacks() throws {
        let (r, _) = try convertInput("input/html/side-plank.html")
        #expect(r.name == "Side Plank")
        #expect(r.category == "strength")
        #expect(r.difficulty == "intermediate")
        #expect(r.steps.count == 2)
    }

    /// Microdata is looked for only on pages whose parse saw an `itemscope`: the attribute in
    /// upper case is still seen (names are lower-cased), and a page without one has no items.
    @Test func microdataIsFoundWhateverTheAttributeCase() {
        let page = #"<html><body><div ITEMSCOPE ITEMTYPE="https://schema.org/HowTo"><meta ITEMPROP="name" content="Wall Sit"><meta itemprop="description" content="A static squat against a wall."></div></body></html>"#
        let r = Support.convert(page, format: "html")
        #expect(r.record?.name == "Wall Sit")
        #expect(r.record?.summary == "A static squat against a wall.")
        #expect(r.diagnostics.contains { $0.code == "from-structured-data" })
        let without = Support.convert(page.replacingOccurrences(of: "ITEMSCOPE ", with: ""), format: "html")
        #expect(without.record?.name != "Wall Sit")
    }

    @Test func titleFallsBackToOpenGraphThenTitleWithoutTheSiteName() throws {
        let og = Support.convert("<html><head><meta property=\"og:title\" content=\"Hip Thrust\"><title>x</title></head><body><p>A glute bridge with the shoulders on a bench.</p></body></html>", format: "html")
        #expect(og.record?.name == "Hip Thrust")
        let title = Support.convert("<html><head><title>Hip Thrust | Example Gym</title><meta name=\"description\" content=\"Glute bridge from a bench.\"></head><body><ol><li>Sit.</li><li>Drive.</li></ol></body></html>", format: "html")
        #expect(title.record?.name == "Hip Thrust")
        #expect(title.record?.summary == "Glute bridge from a bench.")
        #expect(title.record?.steps == ["Sit.", "Drive."])
    }

    /// A header's `<h1>` that is the site's logo does not name the page: not when its text is the
    /// site's name (`og:site_name`, or what `<title>` adds after the page's title), nor when its
    /// class calls it the logo or the site's title. A page heading elsewhere, og:title or the
    /// title does.
    @Test(arguments: [
        ("<h1>FitBlog</h1>", "<title>Reverse Fly – FitBlog</title>"),
        ("<h1>FITBLOG</h1>", "<meta property=\"og:site_name\" content=\"FitBlog\"><title>Reverse Fly</title>"),
        ("<h1 class=\"header-logo\"><a href=\"/\">Iron &amp; Oak</a></h1>", "<title>Reverse Fly</title>"),
        ("<h1 class=\"site-title\">Iron &amp; Oak</h1>", "<title>Reverse Fly</title>"),
    ])
    func aSiteLogoHeadingDoesNotNameThePage(logo: String, head: String) {
        let page = "<html><head>\(head)</head><body><header>\(logo)<nav><ul><li><a href=\"/\">Home</a></li></ul></nav></header><div class=\"content\"><h2>Reverse Fly</h2><p>Strengthens the rear delts and upper back.</p><h3>How to do it</h3><ol><li>Hinge forward holding light dumbbells.</li><li>Raise the arms out to the sides.</li></ol></div></body></html>"
        let r = Support.convert(page, format: "html")
        #expect(r.record?.name == "Reverse Fly")
        #expect(r.record?.steps == ["Hinge forward holding light dumbbells.", "Raise the arms out to the sides."])
        // The same heading in a page whose head names another site is the page's name.
        let other = Support.convert(page.replacingOccurrences(of: head, with: "<title>Iron Log</title>").replacingOccurrences(of: " class=\"header-logo\"", with: "").replacingOccurrences(of: " class=\"site-title\"", with: ""), format: "html")
        #expect(other.record?.name != "Reverse Fly")
    }

    /// The content's own <h1> names the page whatever the title says: a title that puts the site
    /// first ("FitSite | Goblet Squat") does not make it a logo.
    @Test func theContentsHeadingIsTrustedWhenTheTitlePutsTheSiteFirst() {
        let page = "<html><head><title>FitSite | Goblet Squat</title></head><body><header><a class=\"logo\" href=\"/\">FitSite</a></header><main><h1>Goblet Squat</h1><p>A squat holding one dumbbell at the chest.</p><ol><li>Hold the bell.</li><li>Squat.</li></ol></main></body></html>"
        #expect(Support.convert(page, format: "html").record?.name == "Goblet Squat")
    }

    @Test func fragmentWithBoldPseudoHeadings() throws {
        let html = "<strong>Execution</strong>\n<ol><li><p><strong>Start:</strong> Arms out.</p></li><li><p>Bring the hands together.</p><ul><li>Squeeze the chest.</li></ul></li></ol>\n<p><strong>Tips</strong></p><p>Keep elbows soft.</p>"
        // No title of its own: from stdin no record; from a file, named by the file.
        #expect(Support.convert(bytes: Array(html.utf8), path: "<stdin>", format: "html").record == nil)
        #expect(Support.convert(bytes: Array(html.utf8), path: "cable-fly.html", format: "html").record?.name == "Cable Fly")
        let named = PageConverterCall.convert(html, name: "Cable Fly")
        #expect(named?.steps == ["Start: Arms out.", "Bring the hands together.", "Squeeze the chest."])
        #expect(named?.tips == ["Keep elbows soft."])
    }
}

import ExercisePipeline

enum PageConverterCall {
    static func convert(_ html: String, name: String) -> Exercise? {
        Support.convert(bytes: Array(html.utf8), path: "f.html", format: "html", defaultName: name).record
    }
}
