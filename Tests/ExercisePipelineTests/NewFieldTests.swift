import ExerciseModel
import Foundation
@testable import ExerciseExtraction
import Testing

/// The record fields added in schemaVersion 1.1: stabilizerMuscles, variations, media.
@Suite struct NewFieldTests {
    @Test func stabilizersHaveTheirOwnField() throws {
        let page = "# Bench Press\n\nA press.\n\n## Muscles\n\n- Target: Chest\n- Synergists: Triceps\n- Stabilizers: Biceps, Rotator cuff\n"
        let r = try #require(Support.convert(page).record)
        #expect(r.primaryMuscles == ["chest"])
        #expect(r.secondaryMuscles == ["triceps"])
        #expect(r.stabilizerMuscles.first == "biceps")
        #expect(r.attributes["stabilizers"] == nil)
    }

    @Test func variationsAreNeverSteps() throws {
        let page = "# Push-Up\n\nA press from the floor.\n\n## Steps\n\n1. Plank.\n2. Lower and press.\n\n## Variations\n\n- Knee push-up: easier.\n- [Decline push-up](/decline-push-up)\n  - Feet on a bench\n\n## Progressions\n\nArcher push-up, once twenty are easy.\n"
        let r = try #require(Support.convert(page).record)
        #expect(r.steps == ["Plank.", "Lower and press."])
        #expect(r.variations == [
            Variation(title: "Knee push-up: easier."),
            Variation(title: "Decline push-up", url: "/decline-push-up"),
            Variation(title: "Feet on a bench"),
            Variation(title: "Archer push-up, once twenty are easy."),
        ])
    }

    @Test func markdownImagesEmbedsAndFrontMatterMedia() throws {
        let page = "---\ntitle: Squat\nvideo: https://www.youtube.com/embed/abc_DEF-123\nimage: /img/squat.png\n---\n\nA squat.\n\n![The bottom position](img/bottom.jpg)\n\n<iframe src=\"https://player.vimeo.com/video/76979871\" title=\"Squat demo\"></iframe>\n\n<iframe src=\"https://maps.example.com/embed?q=gym\"></iframe>\n\n![](data:image/png;base64,AAAA)\n"
        let r = try #require(Support.convert(page).record)
        #expect(r.media == [
            Media(url: "https://www.youtube.com/watch?v=abc_DEF-123", kind: .video),
            Media(url: "/img/squat.png", kind: .image),
            Media(url: "img/bottom.jpg", kind: .image, caption: "The bottom position"),
            Media(url: "https://vimeo.com/76979871", kind: .video, caption: "Squat demo"),
        ])
    }

    @Test(arguments: [
        ("https://www.youtube.com/embed/L8fvypPrzzs?rel=0", "https://www.youtube.com/watch?v=L8fvypPrzzs"),
        ("//www.youtube-nocookie.com/embed/L8fvypPrzzs", "https://www.youtube.com/watch?v=L8fvypPrzzs"),
        ("https://youtu.be/L8fvypPrzzs", "https://www.youtube.com/watch?v=L8fvypPrzzs"),
        ("https://m.youtube.com/watch?feature=share&v=L8fvypPrzzs", "https://www.youtube.com/watch?v=L8fvypPrzzs"),
        ("https://www.youtube.com/shorts/L8fvypPrzzs", "https://www.youtube.com/watch?v=L8fvypPrzzs"),
        ("https://player.vimeo.com/video/76979871?h=1", "https://vimeo.com/76979871"),
    ])
    func videoPlayersBecomeVideoPages(embed: String, page: String) {
        #expect(MediaRecognition.videoPage(embed) == page)
    }

    @Test func htmlMediaInContentOnly() throws {
        let html = """
        <html><body><header><img src="/logo.png" alt="Site logo"></header>
        <main><h1>Lunge</h1><p>A step and a dip.</p>
        <figure><img src="https://e.com/lunge.jpg"><figcaption>The lunge</figcaption></figure>
        <video src="https://e.com/lunge.mp4"></video>
        <iframe src="https://www.youtube.com/embed/L8fvypPrzzs"></iframe>
        <iframe src="https://ads.example.com/slot"></iframe>
        <h2>Variations</h2><ul><li>Reverse lunge</li></ul></main>
        <aside><iframe src="https://www.youtube.com/embed/zzzzzzzzzzz"></iframe></aside></body></html>
        """
        let r = try #require(Support.convert(bytes: Array(html.utf8), path: "l.html", format: "html").record)
        #expect(r.media == [
            Media(url: "https://e.com/lunge.jpg", kind: .image, caption: "The lunge"),
            Media(url: "https://e.com/lunge.mp4", kind: .video),
            Media(url: "https://www.youtube.com/watch?v=L8fvypPrzzs", kind: .video),
        ])
        #expect(r.variations == [Variation(title: "Reverse lunge")])
        #expect(r.summary == "A step and a dip.")
    }
}
