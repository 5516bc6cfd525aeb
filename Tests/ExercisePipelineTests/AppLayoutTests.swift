import ExerciseModel
import Foundation
import Testing

/// Pages whose structure is in classes, not elements (app-style HTML), and other layouts
/// recognised by what they carry rather than by one template. The pages are written here.
@Suite struct AppLayoutTests {
    func html(_ body: String, path: String = "page.html") -> (Exercise?, [Diagnostic]) {
        let r = Support.convert(bytes: Array("<html><head><title>Ignored | Site</title></head><body>\(body)</body></html>".utf8), path: path, format: "html")
        return (r.record, r.diagnostics)
    }

    @Test func cardsRowsAndChipsBecomeSectionsAndLists() throws {
        let (r, _) = html("""
        <div class="page"><div class="hero"><a href="/all" class="back">All moves</a>
        <div class="badge">Pull · Intermediate</div>
        <h1 class="hero-title">Inverted Row</h1>
        <p class="lede">A horizontal pull under a bar, body straight, heels on the floor.</p>
        <div class="tags"><span class="muscle-chip primary">Lats</span><span class="muscle-chip primary">Rhomboids</span><span class="muscle-chip">Biceps</span></div></div>
        <div class="card"><div class="card-title">🧭 How To Do It</div>
          <div class="row"><div class="num">1</div><div><div class="lead">Set The Bar</div><div class="body">Set a bar at hip height and hang under it.</div></div></div>
          <div class="row"><div class="num">2</div><div><div class="lead">Pull</div><div class="body">Pull your chest to the bar, elbows back.</div></div></div></div>
        <div class="card"><div class="card-title">⚠️ Watch Out For</div>
          <div class="item"><span class="icon">✗</span>Hips sagging toward the floor</div>
          <div class="item"><span class="icon">✗</span>Shrugging the shoulders</div></div>
        <div class="card"><div class="card-title">💡 Coaching Tips</div>
          <div class="item"><span class="icon">→</span>Squeeze the shoulder blades at the top</div>
          <div class="item"><span class="icon">→</span>Lower slowly</div></div>
        <div class="card"><div class="card-title">At a glance</div>
          <div class="stat"><span class="stat-label">Equipment</span><span class="stat-value">Barbell</span></div>
          <div class="stat"><span class="stat-label">Level</span><span class="stat-value">Intermediate</span></div></div>
        <div class="cta"><div class="cta-text">Ready?</div><a class="btn" href="/log">Log it</a></div></div>
        """)
        let record = try #require(r)
        #expect(record.name == "Inverted Row")
        #expect(record.summary == "A horizontal pull under a bar, body straight, heels on the floor.")
        #expect(record.steps == ["Set The Bar: Set a bar at hip height and hang under it.", "Pull: Pull your chest to the bar, elbows back."])
        #expect(record.mistakes == ["Hips sagging toward the floor", "Shrugging the shoulders"])
        #expect(record.tips == ["Squeeze the shoulder blades at the top", "Lower slowly"])
        #expect(record.primaryMuscles == ["lats", "rhomboids"])
        #expect(record.secondaryMuscles == ["biceps"])
        #expect(record.equipment == ["barbell"])
        #expect(record.difficulty == "intermediate")
    }

    @Test func badgesTheHeaderTitleAndTwoScripts() throws {
        let (r, d) = html("""
        <header><h1>深蹲<br><span>barbell back squat</span></h1></header>
        <div class="main"><div class="badges"><span class="badge badge-group">腿部</span><span class="badge badge-equip">barbell</span><span class="badge badge-info">3 x 5</span></div>
        <div class="muscles"><strong>Target:</strong> quads &middot; <strong>Secondary:</strong> glutes, hamstrings</div>
        <div class="cols"><div class="col"><h3>中文步骤</h3><ol><li>站直。</li><li>下蹲。</li></ol></div>
        <div class="col"><h3>English Steps</h3><ol><li>Stand tall under the bar.</li><li>Sit down between your heels.</li></ol></div></div></div>
        """)
        let record = try #require(r)
        #expect(record.name == "barbell back squat")
        #expect(d.contains { $0.code == "name-latin-part" })
        #expect(record.equipment == ["barbell"])
        #expect(record.primaryMuscles == ["quads"])
        #expect(record.secondaryMuscles == ["glutes", "hamstrings"])
        #expect(record.steps == ["Stand tall under the bar.", "Sit down between your heels."])
        // The untranslated list is not silently dropped.
        #expect(d.contains { $0.code == "unknown-section" && $0.message.contains("中文步骤") })
    }

    @Test(arguments: [
        ("How to and step by step instructions:", "steps"), ("Hints & tips:", "tips"),
        ("Muscles worked and body parts involved:", "muscles"), ("Mistakes people make", "mistakes"),
    ])
    func headingsNameTheirRoleAnywhere(heading: String, field: String) throws {
        let page = "# Crunch\n\nA short curl of the trunk.\n\n## \(heading)\n\n- Lie on your back\n- Curl up\n"
        let r = try #require(Support.convert(page).record)
        switch field {
        case "steps": #expect(r.steps == ["Lie on your back", "Curl up"])
        case "tips": #expect(r.tips == ["Lie on your back", "Curl up"])
        case "mistakes": #expect(r.mistakes == ["Lie on your back", "Curl up"])
        default: #expect(r.unknownTerms["primaryMuscles"] == ["Lie on your back", "Curl up"])
        }
    }

    @Test func summaryIsTheFirstParagraphOfProse() throws {
        let page = "# Crunch\n\n[Back to all](/all)\n\nCore · Beginner\n\nA short curl of the trunk that works the abs.\n\nIt is a beginner favourite and needs no kit.\n\n## Steps\n\n1. Curl up.\n"
        let r = Support.convert(page)
        #expect(r.record?.summary == "A short curl of the trunk that works the abs.")
        // The other paragraphs are said, not lost: prose as a warning, fragments as notes.
        let unused = r.diagnostics.filter { $0.code == "unused-content" }
        #expect(unused.map(\.severity) == [.info, .info, .warning])
    }
}

/// Markdown layouts: profile lines, everything in front matter, prose-only pages.
@Suite struct MarkdownLayoutTests {
    @Test func profileLinesWithDashesAndValuesOnTheNextLine() throws {
        let page = "---\ntitle: \"db_row\"\nsubtitle: \"One-Arm Dumbbell Row\"\n---\n\n## EXERCISE PROFILE\n\nTarget Muscle Group -  \nLats/Rhomboids  \nEquipment Required - Dumbbell  \nExperience Level - Beginner  \nSecondary Muscles -  \nBiceps, Rear Delts\n\n## INSTRUCTIONS:\n\n1. Brace on a bench.\n2. Row the dumbbell to your hip.\n"
        let r = try #require(Support.convert(page, path: "db_row.md").record)
        #expect(r.name == "One-Arm Dumbbell Row")
        #expect(r.primaryMuscles == ["lats", "rhomboids"])
        #expect(r.secondaryMuscles == ["biceps", "rear-deltoid"])
        #expect(r.equipment == ["dumbbell"])
        #expect(r.difficulty == "beginner")
        #expect(r.steps == ["Brace on a bench.", "Row the dumbbell to your hip."])
    }

    @Test func everythingInFrontMatter() throws {
        let page = "---\ntitle: \"Hollow Rock\"\ndescription: \"See the Hollow Rock exercise, with video and more.\"\nintro: [\"A rocking hold on your back that trains the whole front of the trunk.\", \"It builds on the hollow hold.\"]\nsteps: [\"Lie on your back.\", \"Lift legs and shoulders.\",\n  \"Rock from shoulders to hips.\"]\nhints: [\"Keep the lower back down.\"]\ncommon_faults: [\"Bending the knees\"]\nmuscles: [\"Abs\", \"Hip Flexor\"]\n---\n"
        let r = try #require(Support.convert(page, path: "hollow-rock.md").record)
        #expect(r.summary == "A rocking hold on your back that trains the whole front of the trunk.")
        #expect(r.steps == ["Lie on your back.", "Lift legs and shoulders.", "Rock from shoulders to hips."])
        #expect(r.tips == ["Keep the lower back down."])
        #expect(r.mistakes == ["Bending the knees"])
        #expect(r.primaryMuscles == ["abs", "hip-flexors"])
        #expect(r.attributes["intro"] == "It builds on the hollow hold.")
        // A page with its own steps section keeps it, and says the front matter gave others.
        let both = Support.convert("---\ntitle: Rock\nsteps: [\"Rock.\"]\n---\n\nA rock.\n\n## Steps\n\n1. Lie down.\n2. Rock.\n", path: "rock.md")
        #expect(both.record?.steps == ["Lie down.", "Rock."])
        #expect(both.diagnostics.contains { $0.code == "conflicting-fact" && $0.message.hasPrefix("steps given again") })
    }

    @Test func namesInAParagraphAreLabelsAndUnknownOnesAreKept() throws {
        let page = "# Jump Squat\n\nA squat with a jump.\n\n## Muscles worked and body parts involved:\n\nCalves, Glutes, Wobblers, Quads\n"
        let r = try #require(Support.convert(page).record)
        #expect(r.primaryMuscles == ["calves", "glutes", "quads"])
        #expect(r.unknownTerms["primaryMuscles"] == ["Wobblers"])
    }

    @Test func howToParagraphsOfAProsePageAreItsSteps() throws {
        let page = "---\ntitle: Wall Sit\n---\nThe wall sit is a classic isometric hold for the thighs.\n\nThe individual stands with the back against a wall and slides down until the knees are bent at ninety degrees, feet flat on the floor, and holds the position.\n\nThe difficulty of this exercise may be increased by holding a weight on the thighs.\n"
        let r = Support.convert(page, path: "wall-sit.md")
        let record = try #require(r.record)
        #expect(record.summary == "The wall sit is a classic isometric hold for the thighs.")
        #expect(record.steps.count == 1 && record.steps[0].hasPrefix("The individual stands with the back against a wall"))
        #expect(r.diagnostics.contains { $0.code == "steps-from-prose" })
        // The difficulty paragraph is not a step, and not lost.
        #expect(r.diagnostics.contains { $0.code == "unused-content" && $0.message.contains("The difficulty of this exercise") })
    }

    /// Muscles with their roles as users write them: a column per role, a role after each name;
    /// a list of sentences in the section is not muscles (it is reported unused).
    @Test func muscleRolesByColumnAndByAnnotation() throws {
        let columns = try #require(Support.convert("# Goblet Squat\n\nA squat.\n\n## Muscles involved\n\n| Primary | Secondary | Stabilizers |\n|---|---|---|\n| Quadriceps | Hamstrings | Erector spinae |\n| Glutes | | |\n\n## Steps\n\n1. Squat.\n").record)
        #expect(columns.primaryMuscles == ["quads", "glutes"])
        #expect(columns.secondaryMuscles == ["hamstrings"])
        #expect(columns.stabilizerMuscles == ["lower-back"])
        #expect(columns.attributes.isEmpty)
        let annotated = try #require(Support.convert("# Seated Row\n\nA row.\n\n## Muscles\n\n- Rhomboids (primary)\n- Lats (primary)\n- Biceps (secondary)\n- Rear delts – secondary\n\n## Steps\n\n1. Row.\n").record)
        #expect(annotated.primaryMuscles == ["rhomboids", "lats"])
        #expect(annotated.secondaryMuscles == ["biceps", "rear-deltoid"])
        let sentences = Support.convert("# Plank\n\nA hold.\n\n## Muscles worked\n\nPrimary: abs.\n\n1. Kneel on the mat and place your forearms under your shoulders.\n2. Step your feet back one at a time.\n")
        #expect(sentences.record?.primaryMuscles == ["abs"])
        #expect(sentences.record?.unknownTerms.isEmpty == true)
        #expect(sentences.diagnostics.contains { $0.code == "unused-content" && $0.message.hasPrefix("list in the muscles section was not used") })
    }

    /// Steps as a table: numbered rows give the rest of the row; two columns, "phase: cue".
    @Test func itemsInATableAreItsRows() throws {
        let page = "# Walking Lunge\n\nA lunge that travels.\n\n## Steps\n\n| Step | Action |\n|---|---|\n| 1 | Stand tall with dumbbells at your sides. |\n| 2 | Step forward and lower both knees. |\n\n## Tips\n\n| Phase | Cue |\n|---|---|\n| Descent | Keep the front knee over the ankle. |\n| Ascent | Drive through the front heel. |\n"
        let record = try #require(Support.convert(page).record)
        #expect(record.steps == ["Stand tall with dumbbells at your sides.", "Step forward and lower both knees."])
        #expect(record.tips == ["Descent: Keep the front knee over the ankle.", "Ascent: Drive through the front heel."])
    }

    /// MkDocs content tabs read as titled blocks, as admonitions do.
    @Test func mkdocsContentTabsAreTitledBlocks() throws {
        let page = "# Push-Up\n\nA press from the floor.\n\n=== \"How to do it\"\n\n    1. Set your hands under your shoulders.\n    2. Lower your chest to the floor.\n\n=== \"Tips\"\n\n    - Keep a straight line from head to heels.\n"
        let record = try #require(Support.convert(page).record)
        #expect(record.steps == ["Set your hands under your shoulders.", "Lower your chest to the floor."])
        #expect(record.tips == ["Keep a straight line from head to heels."])
    }

    /// Facts joined on one line by a middle dot, bullet or bar are read one by one when one key
    /// is a record field; the others are attributes, as on lines of their own.
    @Test func severalFactsOnOneLineNeedOneKnownKey() throws {
        let r = try #require(Support.convert("# Jumping Jacks\n\nDifficulty: Easy · Type: Cardio · Equipment: None\n\n## Steps\n\n1. Jump.\n2. Land.\n").record)
        #expect(r.difficulty == "beginner")
        #expect(r.attributes == ["type": "Cardio"])
        #expect(r.unknownTerms.isEmpty)
        // No key a record knows: prose, not facts.
        let prose = try #require(Support.convert("# Jumping Jacks\n\nWhy: warm-up · When: mornings\n\n## Steps\n\n1. Jump.\n").record)
        #expect(prose.attributes.isEmpty)
    }

    /// When every paragraph tells how to move, the first (what the exercise is, where it starts)
    /// stays the summary and the rest are the steps: the page is not left with no steps at all.
    @Test func whenEveryParagraphIsHowToTheFirstStaysTheSummary() throws {
        let page = "Dead bug is a floor drill for the core. Lie on your back with arms pointing at the ceiling and knees bent over the hips.\n\nSlowly extend the opposite arm and leg toward the floor while keeping the lower back pressed down, then return and switch sides.\n"
        let r = Support.convert(page, path: "dead-bug.md")
        let record = try #require(r.record)
        #expect(record.summary == "Dead bug is a floor drill for the core. Lie on your back with arms pointing at the ceiling and knees bent over the hips.")
        #expect(record.steps == ["Slowly extend the opposite arm and leg toward the floor while keeping the lower back pressed down, then return and switch sides."])
        #expect(r.diagnostics.contains { $0.code == "steps-from-prose" && $0.line == 3 })
        #expect(!r.diagnostics.contains { $0.code == "unused-content" })
    }
}

/// Lists no heading explains, read by what the taxonomy recognises in them.
@Suite struct TaxonomyEvidenceTests {
    @Test func aListOfMuscleNamesIsAMuscleListWhateverItsHeading() throws {
        let page = "# Hip Thrust\n\nA hip extension with the back on a bench.\n\n- Glutes\n- Hamstrings\n- Adductors\n\n## Steps\n\n1. Sit against the bench.\n2. Drive the hips up.\n\n## Worked\n\n- Dumbbell\n- Flat bench\n"
        let r = Support.convert(page)
        let record = try #require(r.record)
        #expect(record.primaryMuscles == ["glutes", "hamstrings", "adductors"])
        #expect(record.equipment == ["dumbbell", "flat-bench"])
        #expect(record.steps == ["Sit against the bench.", "Drive the hips up."])
        #expect(r.diagnostics.filter { $0.code == "names-by-evidence" }.count == 2)
        // Steps that mention muscles are not muscle names.
        let steps = Support.convert("# Bridge\n\nA hip lift.\n\n- Squeeze your glutes\n- Lift your hips\n")
        #expect(steps.record?.steps == ["Squeeze your glutes", "Lift your hips"])
        #expect(steps.record?.primaryMuscles == [])
    }
}
