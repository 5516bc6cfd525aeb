import ExerciseModel
import Foundation
import Testing

/// The page store's binary form must give back exactly what went in: every record is exported
/// from it, and report.json's diagnostics are read from it.
@Suite struct StoredFormTests {
    static func roundTrip<T: StoredValue>(_ value: T) throws -> T {
        let bytes = StoredForm.bytes(value)
        return try bytes.withUnsafeBytes { try StoredForm.value(T.self, from: $0) }
    }

    /// Every field set, optionals both present and absent, text that JSON would escape.
    static let full = Exercise(
        id: "goblet-squat", name: "Goblet \"Squat\"\n", summary: "Hold the bell at the chest — ünïcödé 🏋️",
        bodyParts: ["legs", "core"], equipment: ["kettlebell"], primaryMuscles: ["quadriceps"],
        secondaryMuscles: ["gluteus-maximus", "adductors"], stabilizerMuscles: ["erector-spinae"],
        difficulty: "beginner", category: "strength",
        steps: ["Stand.", "Squat.", ""], tips: ["Brace."], mistakes: ["Knees in."],
        faq: [FAQEntry(question: "Why?", answer: "Because.")],
        related: [RelatedLink(title: "Front squat", url: "https://example.com/front-squat")],
        variations: [Variation(title: "Heels raised"), Variation(title: "Pause", url: "/pause")],
        media: [Media(url: "a.jpg", kind: .image), Media(url: "b.mp4", kind: .video, caption: "Side view")],
        attributes: ["tempo": "3-1-1", "rest": "90 s", "": "empty key"], unknownTerms: ["equipment": ["sandbag", "yoke"], "muscle": []],
        source: SourceInfo(path: "input/goblet squat.md", format: "markdown", sha256: String(repeating: "ab", count: 32), fragment: "#step-2", position: -3))

    @Test func aRecordWithEveryFieldSetComesBackEqual() throws {
        #expect(try Self.roundTrip([Self.full]) == [Self.full])
        var bare = Exercise(source: SourceInfo(path: "p.md", format: "markdown", sha256: ""))
        bare.name = "Only a name"
        #expect(try Self.roundTrip([bare, Self.full, bare]) == [bare, Self.full, bare])
    }

    /// A field added to the record must be added to the stored form too (and to `full` above), or
    /// its value would be lost between conversion and export.
    @Test func theStoredFormCoversEveryFieldOfTheRecord() {
        let stored = ["id", "name", "summary", "bodyParts", "equipment", "primaryMuscles", "secondaryMuscles", "stabilizerMuscles",
                      "difficulty", "category", "steps", "tips", "mistakes", "faq", "related", "variations", "media",
                      "attributes", "unknownTerms", "source"]
        #expect(Mirror(reflecting: Self.full).children.map { $0.label ?? "" } == stored)
        #expect(Mirror(reflecting: Self.full.source).children.map { $0.label ?? "" } == ["path", "format", "sha256", "fragment", "position"])
        #expect(Mirror(reflecting: Diagnostic(file: "", severity: .info, code: "", message: "")).children.map { $0.label ?? "" } == ["file", "line", "severity", "code", "message"])
    }

    @Test func everySampleAndRealPageRecordComesBackEqual() throws {
        let records = try CanonicalJSONWriterTests.sampleRecords()
        #expect(records.count > 200)
        #expect(try Self.roundTrip(records) == records)
    }

    @Test func diagnosticsComeBackEqual() throws {
        let list = [
            Diagnostic(file: "input/a.md", line: 12, severity: .warning, code: "unknown-term", message: "'sandbag' is not\tknown"),
            Diagnostic(file: "pipeline.json", severity: .error, code: "config", message: ""),
            Diagnostic(file: "x", line: Int.max, severity: .info, code: "n", message: "min \(Int.min)"),
        ]
        #expect(try Self.roundTrip(list) == list)
    }

    @Test func numbersOfEverySizeComeBackEqual() throws {
        let numbers = [0, 1, -1, 63, 64, -64, -65, 127, 128, 300, -300, 1 << 40, Int.max, Int.min]
        #expect(try Self.roundTrip(numbers) == numbers)
        #expect(StoredForm.bytes([5]) == [StoredForm.version, 2, 10], "one-byte count and number")
    }

    /// A damaged or foreign blob is an error naming what is wrong, never a crash or a wrong value.
    @Test func damagedDataIsAnErrorNotAWrongRecord() throws {
        let bytes = StoredForm.bytes([Self.full])
        func decode(_ b: [UInt8]) throws -> [Exercise] { try b.withUnsafeBytes { try StoredForm.value([Exercise].self, from: $0) } }
        // Every truncation fails cleanly.
        for end in 0..<bytes.count {
            #expect(throws: StoredFormError.self) { try decode(Array(bytes[..<end])) }
        }
        #expect(throws: StoredFormError.self) { try decode(bytes + [0]) }
        // The JSON earlier versions stored is refused by its first byte.
        let json = CanonicalJSON.data([Self.full], pretty: false)
        #expect { try decode([UInt8](json)) } throws: { "\($0)" == "the data is not in this version's stored form" }
        // A count larger than the data, and a number that runs past 64 bits.
        #expect { try decode([StoredForm.version, 0xFE, 0xFF, 0xFF, 0x0F]) } throws: { "\($0)".contains("runs past the data") }
        #expect { try decode([StoredForm.version] + Array(repeating: 0xFF, count: 11)) } throws: { "\($0)" == "a number runs past 64 bits" }
    }
}
